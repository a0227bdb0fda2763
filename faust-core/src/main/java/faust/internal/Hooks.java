package faust.internal;

import faust.Task;
import faust.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The lifecycle hooks an app registered, in registration order; thread-safe. */
public final class Hooks {
    /** When a hook runs. */
    public enum Kind {
        /** once started, before agents, consumer and schedules */
        STARTUP,
        /** stopping, after agents, consumer and schedules stopped */
        SHUTDOWN,
        /** the worker began taking part in a rebalance */
        REBALANCE_START,
        /** the worker is ready again after a rebalance */
        REBALANCE_COMPLETE
    }

    private final List<Named<Task>> tasks = new ArrayList<>();
    private final List<Consumer<Set<TopicPartition>>> assigned = new ArrayList<>();
    private final List<Consumer<Set<TopicPartition>>> revoked = new ArrayList<>();

    /**
     * A hook with its kind and a name for logs.
     *
     * @param kind when it runs
     * @param name e.g. {@code onStartup#1}
     * @param hook what it runs
     * @param <T> the hook's type
     */
    public record Named<T>(Kind kind, String name, T hook) {
    }

    /**
     * @param kind when it runs
     * @param task what it runs
     */
    public synchronized void add(Kind kind, Task task) {
        long n = tasks.stream().filter(t -> t.kind() == kind).count() + 1;
        tasks.add(new Named<>(kind, label(kind) + "#" + n, task));
    }

    /** @param hook called with partitions newly assigned */
    public synchronized void onAssigned(Consumer<Set<TopicPartition>> hook) {
        assigned.add(hook);
    }

    /** @param hook called with partitions revoked (or lost) */
    public synchronized void onRevoked(Consumer<Set<TopicPartition>> hook) {
        revoked.add(hook);
    }

    /**
     * @param kind a kind
     * @return its hooks
     */
    public synchronized List<Named<Task>> tasks(Kind kind) {
        return tasks.stream().filter(t -> t.kind() == kind).toList();
    }

    /** @return the hooks told about assigned partitions */
    public synchronized List<Consumer<Set<TopicPartition>>> assigned() {
        return List.copyOf(assigned);
    }

    /** @return the hooks told about revoked partitions */
    public synchronized List<Consumer<Set<TopicPartition>>> revoked() {
        return List.copyOf(revoked);
    }

    /** @return whether any hook takes part in rebalances (partitions or rebalance start/complete) */
    public synchronized boolean rebalanceHooks() {
        return !assigned.isEmpty() || !revoked.isEmpty() || tasks.stream()
                .anyMatch(t -> t.kind() == Kind.REBALANCE_START || t.kind() == Kind.REBALANCE_COMPLETE);
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case STARTUP -> "onStartup";
            case SHUTDOWN -> "onShutdown";
            case REBALANCE_START -> "onRebalanceStart";
            case REBALANCE_COMPLETE -> "onRebalanceComplete";
        };
    }
}
