package dev.awardsticker.bench;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.ingest.history.HistoryFile;
import dev.awardsticker.ingest.history.HistoryImporter;
import dev.awardsticker.ingest.history.HistoryPlan;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The shipped Academy Awards history (98 ceremonies, every nomination) imported through the pipeline as the README's
 * command does it ({@link HistoryImporter}: Kafka-native writes, then every command's answer and every ceremony on
 * award-history, read_committed), against the embedded broker and the Streams app (live and derived apps, our
 * settings, exactly_once_v2) in this JVM. Timed from the first write until award-history holds every ceremony; prints
 * the figure, the command and the memory: the JVM's max heap, and the heap used after a full GC once the import is
 * done (broker, both Streams apps' in-memory stores and the importer together).
 *
 * <p>Run: {@code java -Xmx512m -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.HistoryImportBench}
 * ({@code BENCH_THROUGH} imports up to that edition only).
 */
public final class HistoryImportBench {
    static final String COMMAND = "java -Xmx512m -cp \"bench/target/bench.jar:bench/target/lib/*\""
            + " dev.awardsticker.bench.HistoryImportBench";

    private HistoryImportBench() {}

    record Result(int ceremonies, int nominations, int commands, double seconds, long heapUsedMb, long heapMaxMb) {}

    public static void main(String[] args) throws Exception {
        run(Integer.parseInt(System.getenv().getOrDefault("BENCH_THROUGH", String.valueOf(Integer.MAX_VALUE))),
                System.out);
        System.exit(0);
    }

    static Result run(int through, PrintStream out) throws Exception {
        List<HistoryFile.HistoryCeremony> history = HistoryFile.shipped("academy-awards");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            try (TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-history-import",
                    Files.createTempDirectory("bench-history-import"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1,
                    -1).withHttpPort(0));
                 HistoryImporter importer = new HistoryImporter(bootstrap, new PrintStream(OutputStream.nullOutputStream()))) {
                streams.awaitRunning(Duration.ofSeconds(60));
                List<HistoryPlan.Step> plan = HistoryPlan.of(history, through, System.currentTimeMillis());
                long start = System.nanoTime();
                HistoryImporter.Summary summary = importer.run(plan, Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                long used = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getUsage().getUsed()).sum();
                long max = Runtime.getRuntime().maxMemory();
                Result result = new Result(summary.ceremonies(), summary.nominations(), summary.commands(), seconds,
                        used >> 20, max >> 20);
                out.println("History import: " + summary.line());
                out.printf(Locale.ROOT, "RESULT history-import ceremonies=%d nominations=%d commands=%d seconds=%.2f"
                                + " target<=15s %s heap-after-gc=%dMB heap-max=%dMB load=%.1f%n", result.ceremonies(),
                        result.nominations(), result.commands(), seconds, seconds <= 15 ? "MET" : "MISSED",
                        result.heapUsedMb(), result.heapMaxMb(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.println("command: " + COMMAND);
                return result;
            }
        }
    }
}
