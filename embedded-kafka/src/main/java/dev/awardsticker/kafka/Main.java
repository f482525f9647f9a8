package dev.awardsticker.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar embedded-kafka/target/embedded-kafka.jar [--port 9092] [--data DIR]}: one KRaft broker for running
 * the services one by one on a machine without Docker or a Kafka install. For development only: one node, replication
 * factor 1, plaintext on loopback. Ctrl-C stops it cleanly; its data stays in the folder for the next start.
 *
 * <p>With {@code --node-id}, {@code --voters} and {@code --cluster-id} it is one node of a cluster whose nodes run as
 * processes of their own ({@link ProcessCluster}): what the fault tests and {@code FailoverBench} kill with -9.
 */
public final class Main {
    public static final int DEFAULT_PORT = 9092;
    static final String PORT_ENV = "EMBEDDED_KAFKA_PORT";
    static final String DATA_ENV = "EMBEDDED_KAFKA_DATA";
    static final String NODE_ID_ENV = "EMBEDDED_KAFKA_NODE_ID";
    static final String VOTERS_ENV = "EMBEDDED_KAFKA_VOTERS";
    static final String CLUSTER_ID_ENV = "EMBEDDED_KAFKA_CLUSTER_ID";
    static final String USAGE = """
            Usage: java -jar embedded-kafka/target/embedded-kafka.jar [--port N] [--data DIR]
                       [--node-id N --voters LIST --cluster-id ID]
              --port N         port clients connect to on localhost (env EMBEDDED_KAFKA_PORT; default 9092)
              --data DIR       folder for the broker's data, kept between runs (env EMBEDDED_KAFKA_DATA;
                               default <tmp>/awards-ticker-kafka-<port>); delete it to start empty
              --node-id N      run node N of a cluster of processes (env EMBEDDED_KAFKA_NODE_ID), with
              --voters LIST    the controller quorum, 1@127.0.0.1:PORT,2@...,3@... (env EMBEDDED_KAFKA_VOTERS) and
              --cluster-id ID  the same cluster id on every node (env EMBEDDED_KAFKA_CLUSTER_ID)
            A single development broker (replication factor 1, no security), or one node of a local test cluster.
            For production use a real cluster.""";

    private Main() {}

    /**
     * Where and on which port to run; {@link #parse} reads them from arguments, then the environment.
     *
     * @param nodeId 0 for the standalone development broker, else this node's id among {@code voters}
     */
    record Options(int port, Path data, int nodeId, String voters, String clusterId) {
        Options(int port, Path data) {
            this(port, data, 0, null, null);
        }

        static Options parse(String[] args, Map<String, String> env) {
            String port = env.get(PORT_ENV);
            String data = env.get(DATA_ENV);
            String nodeId = env.get(NODE_ID_ENV);
            String voters = env.get(VOTERS_ENV);
            String clusterId = env.get(CLUSTER_ID_ENV);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = value(args, ++i, "--port");
                    case "--data" -> data = value(args, ++i, "--data");
                    case "--node-id" -> nodeId = value(args, ++i, "--node-id");
                    case "--voters" -> voters = value(args, ++i, "--voters");
                    case "--cluster-id" -> clusterId = value(args, ++i, "--cluster-id");
                    case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
                }
            }
            int number;
            try {
                number = port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port / EMBEDDED_KAFKA_PORT must be a port number, was '" + port + "'");
            }
            if (number < 1 || number > 65_535) {
                throw new IllegalArgumentException("--port / EMBEDDED_KAFKA_PORT must be 1..65535, was " + number);
            }
            Path folder = data == null || data.isBlank()
                    ? Path.of(System.getProperty("java.io.tmpdir"), "awards-ticker-kafka-" + number)
                    : Path.of(data.strip());
            if (nodeId == null || nodeId.isBlank()) {
                return new Options(number, folder.toAbsolutePath());
            }
            int node;
            try {
                node = Integer.parseInt(nodeId.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--node-id / EMBEDDED_KAFKA_NODE_ID must be a number, was '" + nodeId + "'");
            }
            if (voters == null || voters.isBlank() || clusterId == null || clusterId.isBlank()) {
                throw new IllegalArgumentException("--node-id needs --voters and --cluster-id (or EMBEDDED_KAFKA_VOTERS "
                        + "and EMBEDDED_KAFKA_CLUSTER_ID), the same on every node\n" + USAGE);
            }
            ProcessCluster.controllerPort(voters.strip(), node); // names the problem now rather than at startup
            return new Options(number, folder.toAbsolutePath(), node, voters.strip(), clusterId.strip());
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            return args[i];
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // Before any logger exists: the broker's own INFO chatter would bury the two lines that matter.
        System.setProperty("logback.configurationFile", "embedded-kafka-logback.xml");
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedKafka kafka;
        try {
            kafka = start(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("Could not start the broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the broker ...");
            kafka.close();
            System.out.println("Broker stopped; data kept in " + options.data());
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        stopped.await();
    }

    /** Starts the broker and prints where it is; the caller closes it. */
    static EmbeddedKafka start(Options options, PrintStream out) {
        requireFree(options.port());
        try {
            Files.createDirectories(options.data());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data folder " + options.data() + " (" + e.getMessage()
                    + "); choose another with --data or EMBEDDED_KAFKA_DATA", e);
        }
        out.println("Starting " + (options.nodeId() == 0 ? "a development Kafka broker"
                : "Kafka node " + options.nodeId() + " of " + options.voters()) + ", data in " + options.data() + " ...");
        EmbeddedKafka kafka = options.nodeId() == 0 ? EmbeddedKafka.start(options.data(), false, options.port())
                : EmbeddedKafka.startClusterNode(options.data(), false, options.clusterId(), options.nodeId(),
                options.port(), options.voters());
        out.println("Kafka ready at localhost:" + options.port() + " (KAFKA_BOOTSTRAP_SERVERS=localhost:"
                + options.port() + ")");
        out.println("Start the services in other terminals (README, \"Running the services one by one\"); Ctrl-C stops "
                + "the broker.");
        return kafka;
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("port " + port + " on localhost is in use (another broker?): stop it, or "
                    + "choose another port with --port or EMBEDDED_KAFKA_PORT", e);
        }
    }
}
