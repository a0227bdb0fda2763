/**
 * Codecs: how keys and values become bytes on the wire ({@code raw}, {@code string}, {@code json}).
 */
package faust.codecs;
