package dev.awardsticker.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The layout of a KRaft cluster whose nodes run one per process (each broker and controller, on loopback), so that
 * fault tests and benchmarks can kill a broker with {@code kill -9}: the cluster id and every node's ports, chosen
 * once and reused when a node is restarted. {@link #env} is what {@link Main} needs to run node {@code id}.
 *
 * @param brokerPorts     clients' port of node 1, 2, ...
 * @param controllerPorts controller port of node 1, 2, ...
 */
public record ProcessCluster(String clusterId, List<Integer> brokerPorts, List<Integer> controllerPorts) {
    public ProcessCluster {
        brokerPorts = List.copyOf(brokerPorts);
        controllerPorts = List.copyOf(controllerPorts);
    }

    /** {@code size} nodes on free loopback ports with a fresh cluster id. */
    public static ProcessCluster onFreePorts(int size) {
        return new ProcessCluster(Uuid.randomUuid().toString(),
                IntStream.range(0, size).mapToObj(i -> EmbeddedKafka.freePort()).toList(),
                IntStream.range(0, size).mapToObj(i -> EmbeddedKafka.freePort()).toList());
    }

    public int size() {
        return brokerPorts.size();
    }

    /** The controller quorum, {@code 1@127.0.0.1:port,...}. */
    public String voters() {
        return IntStream.range(0, size()).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
    }

    /** Every node's listener, for clients. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** Node {@code id} (1-based) by its clients' port, or 0. */
    public int nodeOfPort(int brokerPort) {
        return brokerPorts.indexOf(brokerPort) + 1;
    }

    /** The environment that makes {@link Main} run node {@code id} (1-based) with its data in {@code data}. */
    public Map<String, String> env(int id, Path data) {
        return Map.of(Main.PORT_ENV, Integer.toString(brokerPorts.get(id - 1)), Main.DATA_ENV, data.toString(),
                Main.NODE_ID_ENV, Integer.toString(id), Main.VOTERS_ENV, voters(), Main.CLUSTER_ID_ENV, clusterId);
    }

    /** A short-lived admin client of this cluster. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** The node leading {@code topic}'s {@code partition} now (-1: none). */
    public int leader(String topic, int partition) throws Exception {
        try (Admin admin = admin()) {
            TopicPartitionInfo info = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().get(partition);
            return info.leader() == null ? -1 : info.leader().id();
        }
    }

    /**
     * The transaction coordinator (node) of the transactional producer that wrote last to {@code topic}'s
     * {@code partition} (e.g. the live Streams instance running that ceremony), or -1 if none is known.
     */
    public int coordinatorOfLastWriter(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (Admin admin = admin()) {
            OptionalLong writer = admin.describeProducers(List.of(tp)).partitionResult(tp).get(10, TimeUnit.SECONDS)
                    .activeProducers().stream().max(Comparator.comparingLong(ProducerState::lastTimestamp))
                    .stream().mapToLong(ProducerState::producerId).findFirst();
            if (writer.isEmpty()) {
                return -1;
            }
            List<String> ids = admin.listTransactions(new ListTransactionsOptions()
                            .filterProducerIds(Set.of(writer.getAsLong()))).all().get(10, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).toList();
            return admin.describeTransactions(ids).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToInt(TransactionDescription::coordinatorId).findFirst().orElse(-1);
        }
    }

    /**
     * Until {@code count} brokers are registered and every partition with all of them as replicas has them all in
     * sync again: after a restart, so that the next single loss leaves every partition its minimum ISR.
     */
    public void awaitInSync(int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        String last = "no answer";
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                            .get(5, TimeUnit.SECONDS);
                    long behind = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                            .stream().flatMap(d -> d.partitions().stream())
                            .filter(p -> p.isr().size() < Math.min(count, p.replicas().size())).count();
                    if (brokers >= count && behind == 0) {
                        return;
                    }
                    last = brokers + " brokers, " + behind + " partitions short of in-sync replicas";
                } catch (Exception e) {
                    last = e.toString();
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("cluster not back in sync after " + atMost + ": " + last);
    }

    /** The controller port of node {@code id} in {@code voters} ({@code id@host:port,...}). */
    static int controllerPort(String voters, int id) {
        for (String voter : voters.split(",")) {
            String[] idAndAddress = voter.strip().split("@", 2);
            if (idAndAddress.length == 2 && idAndAddress[0].equals(Integer.toString(id))) {
                return Integer.parseInt(idAndAddress[1].substring(idAndAddress[1].lastIndexOf(':') + 1));
            }
        }
        throw new IllegalArgumentException("node " + id + " is not among the voters '" + voters
                + "': list it as " + id + "@127.0.0.1:<controller port>");
    }
}
