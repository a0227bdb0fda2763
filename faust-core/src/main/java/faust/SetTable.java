package faust;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A table whose values are sets of members, as Python Faust's {@code app.SetTable}: made with
 * {@link App#setTable} or {@link App#setGlobalTable}. Changes are written to the changelog as Faust's set
 * operations — keys {@code [1,"alice"]} (add, value: the member), {@code [2,"alice"]} (discard) and
 * {@code [15,"alice"]} (update, value {@code [[added...],[removed...]]}) — so Python Faust and Java recover
 * each other's set tables. The changelog is not compacted (as Faust creates it).
 *
 * <p>As with {@link Table}, inside an agent a key lives in the partition of the event being processed.
 *
 * @param <K> key type
 * @param <M> member type
 */
public interface SetTable<K, M> extends Iterable<Map.Entry<K, Set<M>>> {
    /** @return the table's name */
    String name();

    /** @return the changelog topic, {@code <id>-<name>-changelog} */
    String changelogTopic();

    /**
     * @param key the key
     * @param member the member to add
     * @return true when it was not in the key's set
     */
    boolean add(K key, M member);

    /**
     * @param key the key
     * @param member the member to remove
     * @return true when it was in the key's set
     */
    boolean discard(K key, M member);

    /**
     * @param key the key
     * @param member a member
     * @return whether the key's set holds it
     */
    boolean contains(K key, M member);

    /**
     * @param key the key
     * @return a copy of the key's set, in the order members were added (empty when the key has none)
     */
    Set<M> get(K key);

    /** @return a copy of the sets of the partitions this worker holds */
    Map<K, Set<M>> local();

    /**
     * @param callback called after this worker recovered the table's partitions from the changelog
     * @return this
     */
    SetTable<K, M> onRecover(Runnable callback);

    /**
     * Changes sent from anywhere (outside agents, other apps) to the table's manager topic
     * {@code <name>-setmanager}, as Faust's {@code table.manager}: the worker running the manager agent
     * ({@link #startManager()}) applies them. Records are Faust's {@code SetManagerOperation}s, so a Python
     * app's manager and Java's understand each other.
     *
     * @return the manager
     */
    Manager<K, M> manager();

    /**
     * Runs the manager agent in this app's workers, as Faust's {@code start_manager=True}: it reads
     * {@code <name>-setmanager} (one partition, as Faust's) and applies each operation in the event's
     * partition of the table, as Faust does. Call it where the table is declared, before the worker starts.
     *
     * @return this
     */
    SetTable<K, M> startManager();

    /**
     * Sends set operations to a set table's manager topic.
     *
     * @param <K> key type
     * @param <M> member type
     */
    interface Manager<K, M> {
        /**
         * @param key the key
         * @param members members to add
         * @return when the broker acknowledged the operation
         */
        CompletableFuture<SendResult> add(K key, Set<M> members);

        /**
         * @param key the key
         * @param members members to remove
         * @return when the broker acknowledged the operation
         */
        CompletableFuture<SendResult> discard(K key, Set<M> members);
    }
}
