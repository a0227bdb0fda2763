/**
 * The testkit's in-memory log of sent records (a {@code faust.spi.RecordSender}).
 */
package faust.testkit.internal;
