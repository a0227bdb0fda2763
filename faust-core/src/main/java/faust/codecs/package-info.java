/**
 * Codecs: how keys and values become bytes and back, byte for byte as Python Faust writes them.
 *
 * <p>{@link faust.codecs.TypedCodec} is a codec of one type, made by {@link faust.codecs.Codecs}
 * ({@code json(Order.class)}, {@code raw()}, {@code binary()}) or by name from a
 * {@link faust.codecs.CodecRegistry} ({@code "json|binary"}); {@link faust.codecs.TypeRef} names generic
 * types. Java records are JSON objects; {@link faust.codecs.FaustRecord} adds Faust's {@code "__faust"}
 * namespace marker and {@link faust.codecs.FaustField} renames a field; {@link faust.codecs.Records} lists
 * and registers them. The untyped {@link faust.codecs.Codec} ({@code Codecs.JSON}, ...) is what topics and
 * tables take until they move to typed codecs.
 */
package faust.codecs;
