/**
 * Codecs: how keys and values become bytes and back, byte for byte as Python Faust writes them.
 *
 * <p>{@link faust.codecs.Codec} is a codec of one type, made by {@link faust.codecs.Codecs}
 * ({@code json(Order.class)}, {@code raw()}, {@code binary()}) or by name from a
 * {@link faust.codecs.CodecRegistry} ({@code "json|binary"}; each app has its own, {@code app.codecs()}, which
 * makes the codecs its topics and tables name for their declared types); {@link faust.codecs.TypeRef} names
 * generic types. Java records are JSON objects; {@link faust.codecs.FaustRecord} adds Faust's
 * {@code "__faust"} namespace marker and {@link faust.codecs.FaustField} renames a field;
 * {@link faust.codecs.Records} lists and registers them.
 */
package faust.codecs;
