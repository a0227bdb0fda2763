package faust.transport.internal;

import faust.Settings;
import faust.internal.Clock;
import faust.internal.TableImpl;
import faust.sensors.internal.TableSource;
import faust.stores.Change;
import faust.tables.internal.Held;
import faust.tables.internal.TableRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads changelog topics into local stores on its own thread and consumer: recovers a partition before
 * its agents see events (from the offset stored with the data to the end of the changelog), keeps standby
 * partitions and global tables up to date by tailing, and logs progress every 5 s.
 */
public final class ChangelogReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogReader.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MS = 200;
    private static final long SNAPSHOT_EVERY = 1_000_000_000L;

    private enum Mode { RECOVERING, STANDBY, GLOBAL }

    private static final class Reading {
        final Held held;
        Mode mode;
        long target;
        String table = "";
        long from;
        long end;

        Reading(Held held, Mode mode, long target) {
            this.held = held;
            this.mode = mode;
            this.target = target;
        }
    }

    private final TableRuntime runtime;
    private final Consumer<byte[], byte[]> consumer;
    private final IntConsumer recovered;
    private final Runnable caughtUp;
    private final Clock clock;
    private final LinkedBlockingDeque<Runnable> requests = new LinkedBlockingDeque<>();
    /** Whether the broker failed to answer since the last loop that went through: one line per such spell. */
    private boolean brokerAway;
    private final Map<TopicPartition, Reading> reading = new HashMap<>();
    private final Map<Integer, Set<TopicPartition>> recovering = new HashMap<>();
    private final Set<Integer> standbys = new HashSet<>();
    private final AtomicLong recordsRead = new AtomicLong();
    private final Thread thread;
    private volatile boolean globalsCaughtUp;
    private volatile boolean closed;
    private long lastProgress;
    private long readAtLastProgress;
    private long lastSnapshot;
    private boolean snapshotDue = true;
    private volatile List<TableSource.Recovering> progress = List.of();

    /**
     * Starts reading: global tables from their stored offsets.
     *
     * @param runtime the tables
     * @param clients makes the consumer
     * @param settings resolved settings
     * @param clientId client id
     * @param recovered told the partition number once every table recovered it (reader thread)
     * @param caughtUp told once global tables caught up with their changelogs (reader thread)
     * @param clock for progress reports
     */
    public ChangelogReader(TableRuntime runtime, KafkaClients clients, Settings settings, String clientId,
                           IntConsumer recovered, Runnable caughtUp, Clock clock) {
        this.runtime = runtime;
        this.recovered = recovered;
        this.caughtUp = caughtUp;
        this.clock = clock;
        this.lastProgress = clock.nanoTime();
        this.consumer = clients.consumer(new ClientConfigs(settings).changelogConsumer(clientId));
        submit(this::startGlobals);
        this.thread = Thread.ofPlatform().name("faust-changelog-reader").start(this::run);
    }

    /** @return changelog records applied to local stores so far */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** @return the table partitions being recovered and how far each got (refreshed about once a second) */
    public List<TableSource.Recovering> recovering() {
        return progress;
    }

    /** @return whether global tables caught up with their changelogs at least once */
    public boolean globalsCaughtUp() {
        return globalsCaughtUp;
    }

    /** @param p a source partition just assigned: recover every table's partition p, then report it */
    public void activate(int p) {
        submit(() -> startRecovery(p));
    }

    /**
     * Stops recovering partition p (revoked during recovery) and closes its stores; waits for it.
     *
     * @param p the partition
     * @param timeout bound on the wait
     */
    public void deactivate(int p, Duration timeout) {
        call(() -> {
            recovering.remove(p);
            for (TableImpl<?, ?> t : runtime.tables()) {
                if (t.global()) {
                    Held h = runtime.heldOf(t, p);
                    if (h != null) {
                        h.active(false);
                    }
                    continue;
                }
                TopicPartition tp = new TopicPartition(t.changelogTopic(), p);
                reading.remove(tp);
                runtime.release(t, p);
            }
            reassign();
            snapshotDue = true;
            snapshot();
        }, timeout);
    }

    /** @param partitions the standby partitions this worker should keep from now on */
    public void standbys(Set<Integer> partitions) {
        submit(() -> updateStandbys(partitions));
    }

    private void submit(Runnable r) {
        requests.add(r);
    }

    private void call(Runnable r, Duration timeout) {
        if (Thread.currentThread() == thread) {
            r.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // e.g. the store it hands back cannot be written (a full disk): the worker already says why it stops
            LOG.warn("a changelog reader request failed: {}", e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("changelog reader did not finish a request within {} ms", timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for the changelog reader");
        }
    }

    private void run() {
        while (!closed) {
            try {
                Runnable r = reading.isEmpty() ? requests.poll(100, TimeUnit.MILLISECONDS) : requests.poll();
                while (r != null) {
                    runRequest(r);
                    r = requests.poll();
                }
                if (!reading.isEmpty()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    apply(records);
                    checkDone();
                    progress();
                }
                brokerBack();
            } catch (InterruptedException e) {
                return;
            } catch (RetriableException e) {
                if (closed || !brokerAway(e)) {
                    return;
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.error("changelog reader: {}", e.toString(), e);
            }
        }
    }

    /** Runs one request; one the broker could not answer (an outage, a restart) is put back to run again first. */
    private void runRequest(Runnable r) {
        try {
            r.run();
        } catch (RetriableException e) {
            requests.addFirst(r);
            throw e;
        }
    }

    /**
     * The broker did not answer in time (a position, end offsets, a poll during an outage or a restart): said in
     * one line, without a stack trace, until a loop goes through again (the worker's broker watch says more);
     * then a short pause before the next try.
     *
     * @return false when interrupted during the pause (the reader stops)
     */
    private boolean brokerAway(RetriableException e) {
        if (!brokerAway) {
            brokerAway = true;
            LOG.warn("changelog reader: the broker did not answer ({}); trying again until it does", e.getMessage());
        }
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MS);
            return true;
        } catch (InterruptedException x) {
            return false;
        }
    }

    private void brokerBack() {
        if (brokerAway) {
            brokerAway = false;
            LOG.info("changelog reader: the broker answers again");
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            Reading r = reading.get(tp);
            if (r == null) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> recs = records.records(tp);
            List<Change> changes = new ArrayList<>(recs.size());
            Held held = r.held;
            boolean listen = held.table().events().wantsChangelog();
            String header = held.changelogHeader();
            for (ConsumerRecord<byte[], byte[]> rec : recs) {
                Change c;
                try {
                    Header h = header == null ? null : rec.headers().lastHeader(header);
                    c = held.fromChangelog(rec.key(), rec.value(), h == null ? null : h.value());
                } catch (RuntimeException e) {
                    LOG.warn("table {}: changelog record {}@{} skipped: {}", held.table().name(), tp, rec.offset(),
                            e.getMessage());
                    continue;
                }
                changes.add(c);
                if (listen) {
                    held.table().events().changelogRecord(c.key(), c.value(), tp.topic(), tp.partition(),
                            rec.offset(), rec.timestamp());
                }
            }
            r.held.store().apply(changes, recs.get(recs.size() - 1).offset());
            held.batchApplied();
            recordsRead.addAndGet(recs.size());
        }
    }

    private void checkDone() {
        boolean globalsPending = false;
        for (var e : reading.entrySet()) {
            Reading r = e.getValue();
            if (r.mode == Mode.STANDBY || r.target < 0) {
                continue;
            }
            if (consumer.position(e.getKey(), Duration.ofSeconds(10)) >= r.target) {
                r.target = -1;
                if (r.mode == Mode.RECOVERING) {
                    Set<TopicPartition> left = recovering.get(r.held.partition());
                    if (left != null) {
                        left.remove(e.getKey());
                    }
                }
            } else if (r.mode == Mode.GLOBAL) {
                globalsPending = true;
            }
        }
        if (!globalsPending && !globalsCaughtUp) {
            globalsCaughtUp = true;
            caughtUp.run();
        }
        List<Integer> finished = new ArrayList<>();
        recovering.forEach((p, left) -> {
            if (left.isEmpty()) {
                finished.add(p);
            }
        });
        boolean changed = false;
        for (int p : finished) {
            recovering.remove(p);
            for (TableImpl<?, ?> t : runtime.tables()) {
                Held h = runtime.heldOf(t, p);
                if (h != null) {
                    h.active(true);
                }
                TopicPartition tp = new TopicPartition(t.changelogTopic(), p);
                Reading r = reading.get(tp);
                if (r != null && r.mode == Mode.RECOVERING) {
                    reading.remove(tp);
                    changed = true;
                }
            }
            LOG.info("recovered table partition {}", p);
            recovered.accept(p);
        }
        if (!finished.isEmpty() && recovering.isEmpty()) {
            for (TableImpl<?, ?> t : runtime.tables()) {
                t.events().recovered();
            }
        }
        if (changed) {
            reassign();
        }
    }

    private void snapshot() {
        long now = clock.nanoTime();
        if (recovering.isEmpty()) {
            if (!progress.isEmpty()) {
                progress = List.of();
            }
            return;
        }
        if (!snapshotDue && now - lastSnapshot < SNAPSHOT_EVERY) {
            return;
        }
        snapshotDue = false;
        lastSnapshot = now;
        List<TableSource.Recovering> out = new ArrayList<>();
        for (var e : reading.entrySet()) {
            Reading r = e.getValue();
            if (r.mode == Mode.RECOVERING) {
                long position = r.target < 0 ? r.end : consumer.position(e.getKey(), Duration.ofSeconds(10));
                out.add(new TableSource.Recovering(r.table, e.getKey().partition(), r.from, position, r.end));
            }
        }
        out.sort(java.util.Comparator.comparing(TableSource.Recovering::table)
                .thenComparingInt(TableSource.Recovering::partition));
        progress = List.copyOf(out);
    }

    private void progress() {
        snapshot();
        long now = clock.nanoTime();
        if (recovering.isEmpty() || now - lastProgress < PROGRESS_EVERY.toNanos()) {
            return;
        }
        long left = 0;
        for (var e : reading.entrySet()) {
            if (e.getValue().mode == Mode.RECOVERING && e.getValue().target >= 0) {
                left += Math.max(0, e.getValue().target - consumer.position(e.getKey(), Duration.ofSeconds(10)));
            }
        }
        long read = recordsRead.get();
        double rate = (read - readAtLastProgress) / ((now - lastProgress) / 1e9);
        LOG.info("recovery: {} partitions, {} records left, {} records/s, ETA {} s", recovering.size(), left,
                Math.round(rate), rate > 0 ? Math.round(left / rate) : "?");
        lastProgress = now;
        readAtLastProgress = read;
    }

    private void startRecovery(int p) {
        Set<TopicPartition> left = new HashSet<>();
        for (TableImpl<?, ?> t : runtime.tables()) {
            if (t.global()) {
                Held h = runtime.holdOrOpen(t, p);
                h.active(true);
                continue;
            }
            TopicPartition tp = new TopicPartition(t.changelogTopic(), p);
            Held h = runtime.holdOrOpen(t, p);
            long from = h.store().appliedOffset() + 1;
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            if (from > end) {
                LOG.warn("table {} partition {}: the local store is at changelog offset {} but the changelog ends at"
                        + " {}; rebuilding the partition from the changelog", t.name(), p, from - 1, end);
                h = runtime.rebuild(t, p);
                from = 0;
            }
            if (from >= end) {
                reading.remove(tp);
                continue;
            }
            Reading r = new Reading(h, Mode.RECOVERING, end);
            r.table = t.name();
            r.from = from;
            r.end = end;
            reading.put(tp, r);
            left.add(tp);
            LOG.info("table {} partition {}: recovering changelog offsets {}..{}", t.name(), p, from, end - 1);
        }
        recovering.put(p, left);
        reassign();
        for (TopicPartition tp : left) {
            Reading r = reading.get(tp);
            consumer.seek(tp, Math.max(0, r.held.store().appliedOffset() + 1));
        }
        if (left.isEmpty()) {
            checkDone();
        }
    }

    private void updateStandbys(Set<Integer> partitions) {
        for (int p : new TreeSet<>(standbys)) {
            if (!partitions.contains(p)) {
                for (TableImpl<?, ?> t : runtime.tables()) {
                    if (t.global()) {
                        continue;
                    }
                    TopicPartition tp = new TopicPartition(t.changelogTopic(), p);
                    Reading r = reading.get(tp);
                    if (r != null && r.mode == Mode.STANDBY) {
                        reading.remove(tp);
                        runtime.release(t, p);
                    }
                }
            }
        }
        standbys.clear();
        standbys.addAll(partitions);
        List<TopicPartition> seekTo = new ArrayList<>();
        for (int p : partitions) {
            for (TableImpl<?, ?> t : runtime.tables()) {
                if (t.global()) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(t.changelogTopic(), p);
                Held existing = runtime.heldOf(t, p);
                if (reading.containsKey(tp) || (existing != null && existing.active())) {
                    continue;
                }
                Held h = runtime.holdOrOpen(t, p);
                reading.put(tp, new Reading(h, Mode.STANDBY, -1));
                seekTo.add(tp);
            }
        }
        if (!partitions.isEmpty()) {
            LOG.info("standby table partitions: {}", new TreeSet<>(partitions));
        }
        reassign();
        for (TopicPartition tp : seekTo) {
            consumer.seek(tp, Math.max(0, reading.get(tp).held.store().appliedOffset() + 1));
        }
    }

    private void startGlobals() {
        List<TopicPartition> seekTo = new ArrayList<>();
        for (TableImpl<?, ?> t : runtime.tables()) {
            if (!t.global()) {
                continue;
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < runtime.partitions(t); p++) {
                tps.add(new TopicPartition(t.changelogTopic(), p));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
            for (TopicPartition tp : tps) {
                Held h = runtime.holdOrOpen(t, tp.partition());
                reading.put(tp, new Reading(h, Mode.GLOBAL, ends.get(tp)));
                seekTo.add(tp);
            }
        }
        reassign();
        for (TopicPartition tp : seekTo) {
            consumer.seek(tp, Math.max(0, reading.get(tp).held.store().appliedOffset() + 1));
        }
        checkDone();
    }

    private void reassign() {
        consumer.assign(new ArrayList<>(reading.keySet()));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
