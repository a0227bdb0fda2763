/**
 * The JSON engine of the {@code json} codec: one {@link faust.codecs.internal.json.JsonType} per Java type
 * (built once, by {@link faust.codecs.internal.json.JsonTypes}), writing Python's exact bytes
 * ({@link faust.codecs.internal.json.JsonOut}, {@link faust.codecs.internal.json.PyFloat},
 * {@link faust.codecs.internal.json.PyDates}, {@link faust.codecs.internal.json.PyBytes}) and reading with
 * Jackson's streaming parser, errors naming the field ({@link faust.codecs.internal.json.BindException}).
 */
package faust.codecs.internal.json;
