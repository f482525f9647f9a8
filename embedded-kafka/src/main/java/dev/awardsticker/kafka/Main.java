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
 */
public final class Main {
    public static final int DEFAULT_PORT = 9092;
    static final String USAGE = """
            Usage: java -jar embedded-kafka/target/embedded-kafka.jar [--port N] [--data DIR]
              --port N    port clients connect to on localhost (env EMBEDDED_KAFKA_PORT; default 9092)
              --data DIR  folder for the broker's data, kept between runs (env EMBEDDED_KAFKA_DATA;
                          default <tmp>/awards-ticker-kafka-<port>); delete it to start empty
            A single development broker (replication factor 1, no security). For production use a real cluster.""";

    private Main() {}

    /** Where and on which port to run; {@link #parse} reads them from arguments, then the environment. */
    record Options(int port, Path data) {
        static Options parse(String[] args, Map<String, String> env) {
            String port = env.get("EMBEDDED_KAFKA_PORT");
            String data = env.get("EMBEDDED_KAFKA_DATA");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = value(args, ++i, "--port");
                    case "--data" -> data = value(args, ++i, "--data");
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
            return new Options(number, folder.toAbsolutePath());
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
        out.println("Starting a development Kafka broker, data in " + options.data() + " ...");
        EmbeddedKafka kafka = EmbeddedKafka.start(options.data(), false, options.port());
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
