package faust.sensors.internal;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the sensors read from one agent.
 *
 * @param name the agent's name
 * @param topic the topic it reads
 * @param concurrency its instances
 * @param events events its stream took from its buffer so far
 * @param active events its instances are processing now
 * @param buffered events waiting in its buffer
 * @param capacity the buffer's capacity
 */
public record AgentSource(String name, String topic, int concurrency, LongSupplier events, IntSupplier active,
                          IntSupplier buffered, int capacity) {
}
