package faust.transport.internal;

import faust.agents.internal.AgentRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which assigned partitions the fetcher pauses: those feeding an agent whose buffer is full (until it
 * drained to half), and those whose table partition is still recovering (table hold-back). Used by the
 * fetcher thread, except {@link #recovered(int)}.
 */
final class FlowControl {
    private final List<AgentRunner<?, ?>> runners;
    private final Set<Integer> pausedRunners = new HashSet<>();
    private final ConcurrentLinkedQueue<Integer> recoveredQueue = new ConcurrentLinkedQueue<>();
    private final Set<Integer> recovering = new HashSet<>();
    private volatile int recoveringCount;
    private boolean allPaused;
    private Consumer<byte[], byte[]> consumer;
    private Thread fetcher;
    private String neverFetch;

    FlowControl(List<AgentRunner<?, ?>> runners) {
        this.runners = runners;
    }

    /**
     * @param consumer the worker's consumer
     * @param fetcher the fetcher thread, woken when a buffer drains or a recovery ends
     */
    void use(Consumer<byte[], byte[]> consumer, Thread fetcher) {
        this.consumer = consumer;
        this.fetcher = fetcher;
    }

    /** @param topic a topic subscribed only for its assignment (the leader topic): always paused */
    void neverFetch(String topic) {
        this.neverFetch = topic;
    }

    /** @return whether every assigned partition is paused (the fetcher parks instead of polling) */
    boolean allPaused() {
        return allPaused;
    }

    /** @return partition numbers still recovering their tables */
    int recovering() {
        return recoveringCount;
    }

    /** @param p a partition number whose tables start recovering: its source partitions stay paused */
    void holdBack(int p) {
        recovering.add(p);
        recoveringCount = recovering.size();
    }

    /** @param p a partition number no longer held at all */
    void forget(int p) {
        recovering.remove(p);
        recoveringCount = recovering.size();
    }

    /**
     * Called from any thread when the tables recovered partition number {@code p}.
     *
     * @param p the partition number
     */
    void recovered(int p) {
        recoveredQueue.add(p);
        wake();
    }

    /** Wakes the fetcher when it is parked. */
    void wake() {
        Thread t = fetcher;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Resumes partitions whose recovery ended and pauses/resumes those of agents whose buffer filled/drained.
     *
     * @return whether a recovery ended
     */
    boolean update() {
        boolean recoveredAny = false;
        for (Integer p = recoveredQueue.poll(); p != null; p = recoveredQueue.poll()) {
            recoveredAny |= recovering.remove(p);
        }
        boolean changed = recoveredAny;
        if (recoveredAny) {
            recoveringCount = recovering.size();
        }
        for (int i = 0; i < runners.size(); i++) {
            AgentRunner<?, ?> runner = runners.get(i);
            if (!pausedRunners.contains(i) && runner.isFull()) {
                pausedRunners.add(i);
                changed = true;
            } else if (pausedRunners.contains(i) && runner.hasRoom()) {
                pausedRunners.remove(i);
                changed = true;
            }
        }
        if (changed) {
            apply();
        }
        return recoveredAny;
    }

    /** After an assignment: pauses what must stay paused among the new partitions. */
    void assigned() {
        if (!pausedRunners.isEmpty() || !recovering.isEmpty() || neverFetch != null) {
            apply();
        }
    }

    private void apply() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (recovering.contains(tp.partition()) || tp.topic().equals(neverFetch) || readByPaused(tp.topic())) {
                pause.add(tp);
            } else {
                resume.add(tp);
            }
        }
        consumer.pause(pause);
        consumer.resume(resume);
        allPaused = !pause.isEmpty() && resume.isEmpty();
        for (int i : pausedRunners) {
            runners.get(i).wakeWhenRoom(fetcher);
        }
    }

    private boolean readByPaused(String topic) {
        for (int i : pausedRunners) {
            if (runners.get(i).reads(topic)) {
                return true;
            }
        }
        return false;
    }
}
