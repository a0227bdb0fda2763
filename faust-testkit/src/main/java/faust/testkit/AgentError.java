package faust.testkit;

/**
 * An event the agent under test failed on (its function threw while processing it), or a message that
 * could not be decoded for the agent's topic. In a worker it would go to the error policy (by default
 * the dead-letter topic); an {@link AgentTester} applies the same policy and also lists it here.
 *
 * @param where {@code agent <name>} when the agent threw, {@code decoding <topic> as <type>} when the
 *              message could not be decoded
 * @param topic the topic of the event, or null when the agent failed outside of an event
 * @param partition its partition, or -1
 * @param offset its offset, or -1
 * @param key the event's key: decoded when the agent failed, the raw bytes when decoding failed
 * @param value the event's value: decoded when the agent failed, the raw bytes when decoding failed
 * @param error what was thrown
 */
public record AgentError(String where, String topic, int partition, long offset, Object key, Object value,
                         Throwable error) {

    @Override
    public String toString() {
        return where + " failed on " + (topic == null ? "no event" : topic + "-" + partition + "@" + offset
                + " (value " + AgentTester.brief(value) + ")") + ": " + error;
    }
}
