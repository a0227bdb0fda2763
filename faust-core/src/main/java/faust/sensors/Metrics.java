package faust.sensors;

/**
 * The names of the meters a worker registers (Micrometer names: Prometheus shows {@code faust.agent.events} as
 * {@code faust_agent_events_total}). Every meter also carries the tag {@code app} (the app id). Each one is
 * described in {@code docs/metrics.md}, with the field of Python Faust's {@code Monitor} it matches.
 */
public final class Metrics {
    /** Counter, tag {@code agent}: events the agent's stream took from its buffer (each once, whatever its operators make of it). */
    public static final String AGENT_EVENTS = "faust.agent.events";
    /** Gauge, tag {@code agent}: events the agent's instances are processing now. */
    public static final String AGENT_EVENTS_ACTIVE = "faust.agent.events.active";
    /** Timer, tag {@code agent}: how long the agent's loop took per value it got, measured on a sample of them. */
    public static final String AGENT_EVENT_DURATION = "faust.agent.event.duration";
    /** Gauge, tag {@code agent}: events waiting in the agent's buffer. */
    public static final String AGENT_BUFFER_SIZE = "faust.agent.buffer.size";
    /** Gauge, tag {@code agent}: the buffer's capacity ({@code stream_buffer_maxsize}). */
    public static final String AGENT_BUFFER_CAPACITY = "faust.agent.buffer.capacity";
    /** Counter, tag {@code agent}: events the agent failed on (handed to {@code error_policy}). */
    public static final String AGENT_ERRORS = "faust.agent.errors";

    /** Counter, tags {@code topic}, {@code partition}: messages fetched and handed to the agents. */
    public static final String MESSAGES_RECEIVED = "faust.messages.received";
    /** Counter, tags {@code topic}, {@code partition}: messages every agent finished with (acked). */
    public static final String MESSAGES_ACKED = "faust.messages.acked";
    /** Gauge, tags {@code topic}, {@code partition}: messages handed out and not yet acked. */
    public static final String MESSAGES_ACTIVE = "faust.messages.active";
    /** Counter, tag {@code topic}: messages that could not be decoded. */
    public static final String MESSAGES_UNDECODABLE = "faust.messages.undecodable";
    /** Counter, tag {@code topic}: records the worker's producer sent (changelogs and dead letters included). */
    public static final String MESSAGES_SENT = "faust.messages.sent";
    /** Counter, tag {@code topic}: records the producer could not send. */
    public static final String SEND_ERRORS = "faust.send.errors";
    /** Timer: from a send to the broker's acknowledgement, measured on a sample of the sends. */
    public static final String SEND_LATENCY = "faust.send.latency";
    /** Counter: events and messages sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "faust.dead.letters";

    /** Gauge, tags {@code topic}, {@code partition}: the next offset the consumer reads. */
    public static final String CONSUMER_READ_OFFSET = "faust.consumer.read.offset";
    /** Gauge, tags {@code topic}, {@code partition}: the group's committed offset (next offset to process). */
    public static final String CONSUMER_COMMITTED_OFFSET = "faust.consumer.committed.offset";
    /** Gauge, tags {@code topic}, {@code partition}: the partition's high-water mark, as the consumer last saw it. */
    public static final String CONSUMER_END_OFFSET = "faust.consumer.end.offset";
    /** Gauge, tags {@code topic}, {@code partition}: high-water mark − committed offset. */
    public static final String CONSUMER_LAG = "faust.consumer.lag";

    /** Timer: a commit, from flushing the producer to the broker's answer to the offset commit. */
    public static final String COMMIT_LATENCY = "faust.commit.latency";
    /** Counter: offset commits that failed (the events are redone later). */
    public static final String COMMIT_FAILURES = "faust.commit.failures";

    /** Counter: rebalances this worker took part in (assignments received). */
    public static final String REBALANCES = "faust.rebalances";
    /** Timer: a rebalance, from its first callback (revoke, or assign) to the end of the assignment. */
    public static final String REBALANCE_DURATION = "faust.rebalance.duration";
    /** Timer: handing partitions back: finishing their events in flight and committing them. */
    public static final String REBALANCE_REVOKE_DURATION = "faust.rebalance.revoke.duration";
    /** Counter, tag {@code change} ({@code assigned}, {@code revoked}, {@code lost}): partitions moved. */
    public static final String REBALANCE_PARTITIONS = "faust.rebalance.partitions";

    /** Gauge, tag {@code table}: keys in the partitions this worker holds active (an estimate for RocksDB). */
    public static final String TABLE_KEYS = "faust.table.keys";
    /** Counter, tags {@code table}, {@code operation} ({@code get}, {@code put}, {@code delete}, {@code batch}): store calls. */
    public static final String TABLE_OPERATIONS = "faust.table.operations";
    /** Counter, tag {@code table}: changes written to the store in batches (at commits and from changelogs). */
    public static final String TABLE_CHANGES = "faust.table.changes";
    /** Counter: changelog records read into local stores (recovery, standbys, global tables). */
    public static final String TABLE_RECOVERY_RECORDS = "faust.table.recovery.records";
    /** Gauge: changelog records left to read before the partitions being recovered are ready. */
    public static final String TABLE_RECOVERY_RECORDS_LEFT = "faust.table.recovery.records.left";
    /** Gauge: table partitions being recovered. */
    public static final String TABLE_RECOVERY_PARTITIONS = "faust.table.recovery.partitions";

    /** Gauge, tag {@code state}: 1 for the worker's state ({@code starting}, {@code running}...), 0 for the others. */
    public static final String WORKER_STATE = "faust.worker.state";
    /** Gauge: 1 when the worker is ready ({@code GET /health} answers 200), else 0. */
    public static final String WORKER_READY = "faust.worker.ready";
    /** Gauge: 1 while the worker holds the leader topic's partition (runs the onLeader timers), else 0. */
    public static final String WORKER_LEADER = "faust.worker.leader";
    /** Gauge, tag {@code role} ({@code active}, {@code standby}): partitions this worker holds. */
    public static final String WORKER_PARTITIONS = "faust.worker.partitions";

    private Metrics() {
    }
}
