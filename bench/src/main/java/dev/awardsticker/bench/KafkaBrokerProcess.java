package dev.awardsticker.bench;

import dev.awardsticker.kafka.EmbeddedKafka;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A single-node KRaft broker ({@link EmbeddedKafka}: broker and controller in one process, data in a temporary folder
 * removed on exit) in a JVM of its own, for benchmarks that want the broker's CPU, heap and GC apart from the
 * services'. Prints {@code bootstrap <host:port>} once the broker answers, then runs until {@code quit} or the end
 * of stdin (so it also ends when the benchmark that started it dies).
 *
 * <p>Run alone: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.KafkaBrokerProcess}.
 */
public final class KafkaBrokerProcess {
    private KafkaBrokerProcess() {}

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "broker-shutdown"));
        System.out.println("bootstrap " + kafka.bootstrapServers());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("quit")) {
            System.out.println("unknown " + command);
        }
        System.exit(0); // the hook closes the broker and removes its data
    }
}
