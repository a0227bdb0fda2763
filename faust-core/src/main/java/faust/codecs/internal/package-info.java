/**
 * The built-in codecs ({@code raw}, {@code string}, {@code json}, {@code binary}), chains, strict UTF-8, and
 * the untyped adapter over typed codecs ({@link faust.codecs.internal.NamedCodec}).
 */
package faust.codecs.internal;
