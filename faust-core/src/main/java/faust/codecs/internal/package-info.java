/**
 * The built-in codecs' implementations and the shared Jackson mapper.
 */
package faust.codecs.internal;
