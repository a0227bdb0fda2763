/**
 * The public API of Faust for Java, what an app is written against (like {@code import faust} in Python):
 * {@link faust.App} and its settings, topics, agents and their streams and events, tables, timers, and the
 * value types the worker reports ({@link faust.StopMode}, {@link faust.TopicPartition}). Implementations
 * live in {@code faust.internal} and the runtime packages; nothing here depends on the runtime.
 */
package faust;
