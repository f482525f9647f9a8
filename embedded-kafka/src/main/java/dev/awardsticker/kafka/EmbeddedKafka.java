package dev.awardsticker.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real Kafka cluster in-process (KRaft, each node broker and controller): no Docker, about 2.5 s to start.
 * {@link #start()} gives one node with replication factors 1, for development and most tests;
 * {@link #startCluster(int)} gives three (or more) nodes with the production settings (replication factor 3,
 * {@code min.insync.replicas} 2) for fault tests that stop and restart brokers; {@link #startClusterNode} gives one
 * node of such a cluster whose other nodes run in other processes ({@link ProcessCluster}), so that a broker can be
 * killed with {@code kill -9}. Clusters of three or more detect a dead node within seconds ({@link #FAST_FAILOVER}).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path baseDir;
    private final boolean deleteOnClose;
    private final List<Node> nodes;

    private EmbeddedKafka(Path baseDir, boolean deleteOnClose, List<Node> nodes) {
        this.baseDir = baseDir;
        this.deleteOnClose = deleteOnClose;
        this.nodes = nodes;
    }

    /** Starts a broker on free loopback ports with its data in a temporary folder removed on close. */
    public static EmbeddedKafka start() {
        return start(tempDir(), true);
    }

    public static EmbeddedKafka start(Path logDir, boolean deleteOnClose) {
        return start(logDir, deleteOnClose, 1, 0);
    }

    /** One node whose clients connect to {@code brokerPort} on loopback (0: a free port), as the standalone command runs it. */
    public static EmbeddedKafka start(Path logDir, boolean deleteOnClose, int brokerPort) {
        return start(logDir, deleteOnClose, 1, brokerPort);
    }

    /** Starts {@code size} nodes forming one cluster, with their data in a temporary folder removed on close. */
    public static EmbeddedKafka startCluster(int size) {
        return start(tempDir(), true, size, 0);
    }

    /**
     * Node {@code nodeId} of a cluster whose nodes run one per process, each started with the same {@code clusterId}
     * and {@code voters}; returns once this node serves clients (which needs a majority of the voters up). A node
     * restarted on the same folder comes back as the same broker.
     *
     * @param voters the controller quorum, {@code id@host:port,...}; this node's entry gives its controller port
     */
    public static EmbeddedKafka startClusterNode(Path dir, boolean deleteOnClose, String clusterId, int nodeId,
                                                 int brokerPort, String voters) {
        long started = System.nanoTime();
        int size = voters.split(",").length;
        int controllerPort = ProcessCluster.controllerPort(voters, nodeId);
        Node node = new Node(nodeId, brokerPort, controllerPort, dir,
                config(nodeId, new int[] {brokerPort, controllerPort}, voters, dir, size));
        format(node, clusterId);
        node.startServer();
        EmbeddedKafka kafka = new EmbeddedKafka(dir, deleteOnClose, List.of(node));
        kafka.awaitBrokers(1);
        LOG.info("Embedded Kafka node {} of {} ready at {} in {} ms (data in {})", nodeId, size,
                kafka.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
        return kafka;
    }

    private static EmbeddedKafka start(Path baseDir, boolean deleteOnClose, int size, int brokerPort) {
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        List<int[]> ports = IntStream.range(0, size)
                .mapToObj(i -> new int[] {brokerPort > 0 ? brokerPort : freePort(), freePort()}).toList();
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(i)[1]).collect(Collectors.joining(","));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // A single node keeps its data directly in the given folder, as it always did.
            Path dir = size == 1 ? baseDir : baseDir.resolve("node-" + (i + 1));
            nodes.add(new Node(i + 1, ports.get(i)[0], ports.get(i)[1], dir, config(i + 1, ports.get(i), voters, dir, size)));
        }
        nodes.forEach(node -> format(node, clusterId));
        // A node's startup waits for a controller quorum, which needs a majority of the nodes running.
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::startServer))
                .toArray(CompletableFuture[]::new)).join();
        EmbeddedKafka kafka = new EmbeddedKafka(baseDir, deleteOnClose, nodes);
        kafka.awaitBrokers(size);
        LOG.info("Embedded Kafka ({} node{}) ready at {} in {} ms (data in {})", size, size == 1 ? "" : "s",
                kafka.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), baseDir);
        return kafka;
    }

    /**
     * What a cluster of three or more needs to hand a dead node's work to the others within seconds (a failover of a
     * screen's feed under 2 s, issue #17; measured by {@code FailoverBench}, docs/perf-notes.md). The defaults are
     * tuned for large clusters on busy networks, where a false alarm costs more than a few seconds of waiting.
     * Kept off a single node: it cannot fail over anyway, and a starved test machine must never fence its only
     * broker. docker-compose.yml sets the same values.
     */
    public static final Map<String, String> FAST_FAILOVER = Map.of(
            // A broker killed with -9 is fenced by the controller after this long without a heartbeat (default 9 s,
            // 2 s): then its partitions get new leaders and it leaves every ISR, so acks=all writes (ingest's, the
            // transaction markers) go on. Five heartbeats per session: at 1 s, on 2 busy cores (load 6-20), the
            // controller's queue fell behind and fenced live brokers ("controller event queue overloaded").
            "broker.session.timeout.ms", "2000",
            "broker.heartbeat.interval.ms", "400",
            // Each node is also a controller: when the active one dies, the others call an election after this long
            // without a fetch answer (default 2 s), and a candidate waits up to the election timeout (default 1 s).
            // The new controller then fences the dead broker after broker.session.timeout.ms.
            "controller.quorum.fetch.timeout.ms", "1000",
            "controller.quorum.election.timeout.ms", "500",
            "controller.quorum.election.backoff.max.ms", "500");

    /**
     * What any node needs so that a client killed with -9 is replaced within seconds; harmless on one node, and what
     * lets the Streams app use a session timeout below a stock broker's minimum.
     */
    public static final Map<String, String> FAST_CLIENT_FAILOVER = Map.of(
            // A crashed Streams instance leaves its consumer group after its own session.timeout.ms; the broker's
            // default floor (6 s) would refuse the 1-2 s our Streams app asks for in the production shape.
            "group.min.session.timeout.ms", "500",
            // A producer killed mid-transaction leaves it open: read_committed readers (the gateways, ingest's
            // verdicts) and the next owner's offset fetch wait until the coordinator aborts it, which it checks this
            // often for transactions past their transaction.timeout.ms (default every 10 s).
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "200");

    private static KafkaConfig config(int nodeId, int[] ports, String voters, Path logDir, int size) {
        String replicas = Integer.toString(Math.min(3, size));
        String minIsr = size >= 3 ? "2" : "1";
        Map<String, String> props = new HashMap<>(FAST_CLIENT_FAILOVER);
        if (size >= 3) {
            props.putAll(FAST_FAILOVER);
        }
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1]),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[0]),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", minIsr),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", minIsr),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", minIsr),
                // Consumer groups form at once instead of waiting 3 s for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        Properties properties = new Properties();
        properties.putAll(props);
        return KafkaConfig.fromProps(properties, false);
    }

    private static void format(Node node, String clusterId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(out, true))
                    .setNodeId(node.id)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(node.dir.toString()))
                    .setMetadataLogDirectory(node.dir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format storage for embedded broker " + node.id + " in "
                    + node.dir + ": " + out, e);
        }
    }

    private void awaitBrokers(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Embedded Kafka did not have " + count + " brokers up in 60 s", e);
                    }
                }
            }
        }
    }

    /** Every running node's listener, for clients. */
    public String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.brokerPort).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** Shuts node {@code id} (1-based) down in an orderly way; its data stays for {@link #restartNode}. */
    public void stopNode(int id) {
        node(id).stopServer();
        LOG.info("Embedded Kafka node {} stopped", id);
    }

    /** Starts a stopped node again on the same ports with the same data; returns once it serves clients again. */
    public void restartNode(int id) {
        node(id).startServer();
        awaitBrokers((int) nodes.stream().filter(Node::running).count());
        LOG.info("Embedded Kafka node {} restarted", id);
    }

    private Node node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("No node " + id + ": nodes are 1.." + nodes.size());
        }
        return nodes.get(id - 1);
    }

    @Override
    public void close() {
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::stopServer))
                .toArray(CompletableFuture[]::new)).join();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Could not delete the embedded broker's data in {}: {}", baseDir, e.getMessage());
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for the embedded broker", e);
        }
    }

    /** Ports this JVM has handed out: see {@link #freePort()}. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A free TCP port for a broker or service to bind later, never one this JVM handed out before: the system may
     * offer a port again as soon as its probe socket is closed, and two listeners given the same port fail to start
     * (a node's broker and controller ports once came out equal).
     */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the embedded broker", e);
            }
        }
        throw new IllegalStateException("No free port left that this JVM has not handed out already");
    }

    /** One KRaft node; a stopped node keeps its ports and data so it can come back as the same broker. */
    private static final class Node {
        final int id;
        final int brokerPort;
        final int controllerPort;
        final Path dir;
        final KafkaConfig config;
        private KafkaRaftServer server;

        Node(int id, int brokerPort, int controllerPort, Path dir, KafkaConfig config) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.dir = dir;
            this.config = config;
        }

        synchronized void startServer() {
            if (server == null) {
                server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
            }
        }

        synchronized void stopServer() {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
                server = null;
            }
        }

        synchronized boolean running() {
            return server != null;
        }
    }
}
