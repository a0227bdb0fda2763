package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FaustAssignorTest {
    private static Cluster cluster(Map<String, Integer> topics) {
        Node n = new Node(1, "localhost", 9092);
        List<PartitionInfo> parts = new ArrayList<>();
        topics.forEach((t, count) -> {
            for (int p = 0; p < count; p++) {
                parts.add(new PartitionInfo(t, p, n, new Node[] {n}, new Node[] {n}));
            }
        });
        return new Cluster("c", List.of(n), parts, Set.of(), Set.of());
    }

    private static Subscription sub(List<String> topics, String url, List<TopicPartition> owned) {
        ByteBuffer data = ByteBuffer.wrap(("{\"url\":\"" + url + "\",\"standbys\":1}").getBytes(StandardCharsets.UTF_8));
        return new Subscription(topics, data, owned);
    }

    @Test
    void partitionNOfEveryTopicGoesToTheSameWorker() {
        FaustAssignor a = new FaustAssignor();
        Map<String, Subscription> subs = new HashMap<>();
        subs.put("m1", sub(List.of("a", "b"), "http://h:1", List.of()));
        subs.put("m2", sub(List.of("a", "b"), "http://h:2", List.of()));
        var result = a.assign(cluster(Map.of("a", 4, "b", 4)), new GroupSubscription(subs)).groupAssignment();
        for (var e : result.entrySet()) {
            List<TopicPartition> tps = e.getValue().partitions();
            assertThat(tps).hasSize(4);
            Set<Integer> ofA = new java.util.TreeSet<>();
            Set<Integer> ofB = new java.util.TreeSet<>();
            tps.forEach(tp -> (tp.topic().equals("a") ? ofA : ofB).add(tp.partition()));
            assertThat(ofA).isEqualTo(ofB);
        }
    }

    @Test
    void aPartitionMovingToANewOwnerIsLeftOutUntilItsOldOwnerReleasedIt() {
        FaustAssignor a = new FaustAssignor();
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            all.add(new TopicPartition("a", p));
        }
        Map<String, Subscription> subs = new HashMap<>();
        subs.put("m1", sub(List.of("a"), "http://h:1", all));
        subs.put("m2", sub(List.of("a"), "http://h:2", List.of()));
        var result = a.assign(cluster(Map.of("a", 4)), new GroupSubscription(subs)).groupAssignment();
        assertThat(result.get("m1").partitions()).hasSize(2);
        assertThat(result.get("m2").partitions()).as("m1 still owns them this round").isEmpty();

        subs.put("m1", sub(List.of("a"), "http://h:1", result.get("m1").partitions()));
        var next = a.assign(cluster(Map.of("a", 4)), new GroupSubscription(subs)).groupAssignment();
        assertThat(next.get("m1").partitions()).containsExactlyInAnyOrderElementsOf(result.get("m1").partitions());
        assertThat(next.get("m2").partitions()).hasSize(2);
    }

    @Test
    void placementIsBalancedAndSticky() {
        Map<TopicPartition, String> owned = new HashMap<>();
        owned.put(new TopicPartition("a", 0), "m2");
        owned.put(new TopicPartition("a", 1), "m2");
        owned.put(new TopicPartition("a", 2), "m2");
        var placed = FaustAssignor.placeGroups(5, List.of("m1", "m2", "m3"), List.of("a"), owned);
        Map<String, Integer> count = new HashMap<>();
        placed.values().forEach(m -> count.merge(m, 1, Integer::sum));
        assertThat(count.values()).allMatch(c -> c == 1 || c == 2);
        assertThat(placed.get(0)).isEqualTo("m2");
        assertThat(placed.get(1)).isEqualTo("m2");
    }

    @Test
    void standbysAreOnOtherWorkers() {
        var owners = FaustAssignor.placeGroups(4, List.of("m1", "m2"), List.of("a"), Map.of());
        var standbys = FaustAssignor.placeStandbys(4, List.of("m1", "m2"), owners, 1);
        for (int p = 0; p < 4; p++) {
            String owner = owners.get(p);
            String other = owner.equals("m1") ? "m2" : "m1";
            assertThat(standbys.get(other)).contains(p);
            assertThat(standbys.get(owner)).doesNotContain(p);
        }
        assertThat(FaustAssignor.placeStandbys(4, List.of("m1"), owners, 1).get("m1")).isEmpty();
    }

    @Test
    void theLeaderTopicGoesToExactlyOneMemberWithOrWithoutAgentsAndStaysThereWhenOthersJoin() {
        String leader = "app-__assignor-__leader";
        FaustAssignor a = new FaustAssignor();
        Map<String, Subscription> subs = new HashMap<>();
        subs.put("m1", sub(List.of(leader), "http://h:1", List.of()));
        subs.put("m2", sub(List.of(leader), "http://h:2", List.of()));
        subs.put("m3", sub(List.of(leader), "http://h:3", List.of()));
        var result = a.assign(cluster(Map.of(leader, 1)), new GroupSubscription(subs)).groupAssignment();
        List<String> leaders = result.entrySet().stream()
                .filter(e -> e.getValue().partitions().contains(new TopicPartition(leader, 0))).map(Map.Entry::getKey)
                .toList();
        assertThat(leaders).as("no agents: one leader among three").hasSize(1);

        // with agents: the leader is the owner of partition 0 of every topic, and keeps it when a member joins
        Map<String, Subscription> two = new HashMap<>();
        two.put("m1", sub(List.of(leader, "a"), "http://h:1", List.of()));
        var first = a.assign(cluster(Map.of(leader, 1, "a", 4)), new GroupSubscription(two)).groupAssignment();
        assertThat(first.get("m1").partitions()).contains(new TopicPartition(leader, 0));
        two.put("m1", sub(List.of(leader, "a"), "http://h:1", first.get("m1").partitions()));
        two.put("m2", sub(List.of(leader, "a"), "http://h:2", List.of()));
        var next = a.assign(cluster(Map.of(leader, 1, "a", 4)), new GroupSubscription(two)).groupAssignment();
        assertThat(next.get("m1").partitions()).as("sticky: the leader stays").contains(new TopicPartition(leader, 0),
                new TopicPartition("a", 0));
        assertThat(next.get("m2").partitions()).doesNotContain(new TopicPartition(leader, 0));

        // the leader left (stopped or died): the other member gets it in the next round
        Map<String, Subscription> left = new HashMap<>();
        left.put("m2", sub(List.of(leader, "a"), "http://h:2", List.of()));
        var after = a.assign(cluster(Map.of(leader, 1, "a", 4)), new GroupSubscription(left)).groupAssignment();
        assertThat(after.get("m2").partitions()).contains(new TopicPartition(leader, 0));
    }
}
