/**
 * The built-in codecs ({@code raw}, {@code string}, {@code json}, {@code binary}), chains and strict UTF-8.
 */
package faust.codecs.internal;
