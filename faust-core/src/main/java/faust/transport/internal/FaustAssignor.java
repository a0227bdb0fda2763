package faust.transport.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import faust.codecs.internal.JsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker's partition assignor (cooperative, sticky). Partition {@code p} of every topic the app reads
 * goes to one worker, so a table partition and the source partitions that update it stay together; each
 * partition also gets {@code table_standby_replicas} standby workers, and every worker learns which worker
 * (web URL) owns which partition, for routing table lookups.
 *
 * <p>Cooperative rule: a partition moving to a new owner is left out of this round; its old owner revokes
 * it and rejoins, and the next round gives it to the new owner.
 */
public final class FaustAssignor implements ConsumerPartitionAssignor, Configurable {
    /**
     * Consumer config key: the worker's {@link Listener} object itself. Kafka hands the consumer's configs,
     * objects included, to {@link #configure}, so each worker's assignor reaches its own worker without a
     * static registry (Kafka Streams passes its task manager to its assignor the same way).
     */
    public static final String LISTENER = "faust.assignor.listener";
    /** Consumer config key: this worker's web URL. */
    public static final String URL = "faust.assignor.url";
    /** Consumer config key: standby replicas per partition. */
    public static final String STANDBYS = "faust.assignor.standbys";

    /** Told what this worker got in a rebalance. */
    public interface Listener {
        /**
         * @param standbys partitions this worker keeps a standby copy of
         * @param owners partition number to the web URL of the worker that owns it
         * @param intended partition numbers this worker will own once the rebalance settled (a partition
         *                 moving from another worker comes in a follow-up round)
         */
        void assigned(Set<Integer> standbys, Map<Integer, String> owners, Set<Integer> intended);

        /**
         * This worker (re)joins the group: a rebalance it takes part in begins (fetcher thread, inside
         * {@code poll}, before any partition is revoked or assigned in it). May block briefly.
         */
        default void joining() {
        }
    }

    /** What one member got, sent in the assignment's user data. */
    record Info(List<Integer> standbys, Map<Integer, String> owners, List<Integer> intended) {
    }

    private Listener listener = (s, o, i) -> { };
    private String url = "";
    private int standbys;

    /**
     * The consumer configs that reach this worker's assignor.
     *
     * @param listener told what this worker got in each rebalance
     * @param url this worker's web URL ("" without web)
     * @param standbys standby replicas per partition
     * @return the entries to add to the consumer's configs
     */
    public static Map<String, Object> config(Listener listener, String url, int standbys) {
        return Map.of(LISTENER, listener, URL, url, STANDBYS, Integer.toString(standbys));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(LISTENER) instanceof Listener l) {
            listener = l;
        }
        Object u = configs.get(URL);
        url = u == null ? "" : u.toString();
        Object s = configs.get(STANDBYS);
        standbys = s == null ? 0 : Integer.parseInt(s.toString());
    }

    /**
     * The assignor's protocol name in the consumer group: not Python Faust's {@code faust}, so that Kafka
     * refuses a Python worker and a Java worker in one group at join time (their assignment metadata differ;
     * a mixed group would form and then break at the first assignment).
     */
    public static final String PROTOCOL = "faust-java";

    @Override
    public String name() {
        return PROTOCOL;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        listener.joining();
        return ByteBuffer.wrap(JsonCodec.mapper().createObjectNode().put("url", url).put("standbys", standbys)
                .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subs = new TreeMap<>(groupSubscription.groupSubscription());
        List<String> members = new ArrayList<>(subs.keySet());
        Map<String, String> urls = new HashMap<>();
        int replicas = 0;
        Set<String> topics = new TreeSet<>();
        Map<TopicPartition, String> owned = new HashMap<>();
        for (var e : subs.entrySet()) {
            topics.addAll(e.getValue().topics());
            Map<String, Object> data = userData(e.getValue().userData());
            urls.put(e.getKey(), String.valueOf(data.getOrDefault("url", "")));
            replicas = Math.max(replicas, ((Number) data.getOrDefault("standbys", 0)).intValue());
            for (TopicPartition tp : e.getValue().ownedPartitions()) {
                owned.put(tp, e.getKey());
            }
        }
        int groups = 0;
        for (String t : topics) {
            Integer n = metadata.partitionCountForTopic(t);
            if (n != null) {
                groups = Math.max(groups, n);
            }
        }
        Map<Integer, String> ownerOf = placeGroups(groups, members, topics, owned);
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        members.forEach(m -> assignment.put(m, new ArrayList<>()));
        for (String t : topics) {
            Integer n = metadata.partitionCountForTopic(t);
            for (int p = 0; n != null && p < n; p++) {
                TopicPartition tp = new TopicPartition(t, p);
                String to = ownerOf.get(p);
                String from = owned.get(tp);
                if (from != null && !from.equals(to)) {
                    continue; // cooperative: the old owner releases it first; the next round assigns it
                }
                if (subs.get(to).topics().contains(t)) {
                    assignment.get(to).add(tp);
                }
            }
        }
        Map<Integer, String> ownerUrls = new TreeMap<>();
        ownerOf.forEach((p, m) -> ownerUrls.put(p, urls.get(m)));
        Map<String, List<Integer>> standbyOf = placeStandbys(groups, members, ownerOf, replicas);
        Map<String, Assignment> out = new HashMap<>();
        for (String m : members) {
            List<Integer> intended = new ArrayList<>();
            ownerOf.forEach((p, owner) -> {
                if (owner.equals(m)) {
                    intended.add(p);
                }
            });
            byte[] info = JsonCodec.mapper().valueToTree(new Info(standbyOf.get(m), ownerUrls, intended)).toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.put(m, new Assignment(assignment.get(m), ByteBuffer.wrap(info)));
        }
        return new GroupAssignment(out);
    }

    /** Sticky, balanced placement of partition numbers on members. */
    static Map<Integer, String> placeGroups(int groups, List<String> members, Collection<String> topics,
                                            Map<TopicPartition, String> owned) {
        Map<Integer, String> ownerOf = new TreeMap<>();
        if (members.isEmpty()) {
            return ownerOf;
        }
        int floor = groups / members.size();
        int ceilings = groups % members.size();
        Map<String, Integer> count = new HashMap<>();
        members.forEach(m -> count.put(m, 0));
        for (int p = 0; p < groups; p++) {
            String prev = null;
            for (String t : topics) {
                String o = owned.get(new TopicPartition(t, p));
                if (o != null && count.containsKey(o)) {
                    prev = o;
                    break;
                }
            }
            if (prev != null) {
                int c = count.get(prev);
                if (c < floor || (c == floor && ceilings > 0)) {
                    if (c == floor) {
                        ceilings--;
                    }
                    ownerOf.put(p, prev);
                    count.put(prev, c + 1);
                }
            }
        }
        for (int p = 0; p < groups; p++) {
            if (!ownerOf.containsKey(p)) {
                String best = null;
                for (String m : members) {
                    if (best == null || count.get(m) < count.get(best)) {
                        best = m;
                    }
                }
                ownerOf.put(p, best);
                count.put(best, count.get(best) + 1);
            }
        }
        return ownerOf;
    }

    /** Each partition's standbys: the next members after its owner, in member order. */
    static Map<String, List<Integer>> placeStandbys(int groups, List<String> members, Map<Integer, String> ownerOf,
                                                   int replicas) {
        Map<String, List<Integer>> standbyOf = new HashMap<>();
        members.forEach(m -> standbyOf.put(m, new ArrayList<>()));
        int n = Math.min(replicas, members.size() - 1);
        for (int p = 0; p < groups; p++) {
            int i = members.indexOf(ownerOf.get(p));
            for (int k = 1; k <= n; k++) {
                standbyOf.get(members.get((i + k) % members.size())).add(p);
            }
        }
        return standbyOf;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        ByteBuffer data = assignment.userData();
        if (data == null || !data.hasRemaining()) {
            return;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            Info info = JsonCodec.mapper().readValue(bytes, Info.class);
            listener.assigned(new TreeSet<>(info.standbys()), info.owners(),
                    info.intended() == null ? Set.of() : new TreeSet<>(info.intended()));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable assignment from the group leader: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> userData(ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return Map.of();
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            return JsonCodec.mapper().readValue(bytes, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }
}
