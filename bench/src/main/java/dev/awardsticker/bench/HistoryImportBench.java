package dev.awardsticker.bench;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.ingest.history.HistoryFile;
import dev.awardsticker.ingest.history.HistoryImporter;
import dev.awardsticker.ingest.history.HistoryPlan;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.vertx.core.Vertx;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The shipped Academy Awards history (98 ceremonies, every nomination) imported through the pipeline as the README's
 * command does it ({@link HistoryImporter}: a ceremony per command, Kafka-native, then every ceremony's answer and
 * every ceremony on award-history, read_committed). Two shapes:
 * <ul>
 *   <li>default: the embedded broker and the Streams app (live and derived apps, our settings, exactly_once_v2) in
 *   this JVM, cold. Timed from the first write until award-history holds every ceremony; prints the figure, where
 *   the time went (phases, transactions, CPU per thread group, JIT and GC), the command and the memory: the JVM's max
 *   heap and the heap used after a full GC once the import is done (broker, both apps' stores and the importer);</li>
 *   <li>{@code BENCH_SHAPE=processes}: every service in a JVM of its own and the README's command as a process
 *   ({@link #processes}).</li>
 * </ul>
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
        if ("processes".equals(System.getenv("BENCH_SHAPE"))) {
            processes(System.out);
        } else {
            run(Integer.parseInt(System.getenv().getOrDefault("BENCH_THROUGH", String.valueOf(Integer.MAX_VALUE))),
                    System.out);
        }
        System.exit(0);
    }

    static final String PROCESSES_COMMAND = "BENCH_SHAPE=processes java"
            + " -cp \"bench/target/bench.jar:bench/target/lib/*\" dev.awardsticker.bench.HistoryImportBench";

    /**
     * The production shape: broker, Streams app, ingest and gateway each in a JVM of its own (ProductionShapeBench's
     * flags), warmed by one live show (the 74th Golden Globes through ingest at 100 ms a win, as a pipeline that has
     * served a ceremony is) and left idle for 10 s; then the README's command, {@code java -jar
     * replay/target/replay.jar history --kafka ...}, as a process of its own with the JVM's defaults. Prints the
     * command's own figure (first write to award-history complete), its wall time from launch to exit (JVM start and
     * reading the file included), and each JVM's CPU during it. Needs {@code mvn -q -B -DskipTests install} first.
     */
    static void processes(PrintStream out) throws Exception {
        ProductionShapeBench.Options options = ProductionShapeBench.Options.fromEnv(Map.of());
        Path logDir = options.logDir();
        Path replayJar = Path.of("replay", "target", "replay.jar");
        if (!Files.exists(replayJar)) {
            throw new IllegalStateException(replayJar + " is missing: run mvn -q -B -DskipTests install first");
        }
        out.println("production shape: children's logs in " + logDir);
        List<ServiceJvm> children = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(ServiceJvm::close)));
        Vertx vertx = Vertx.vertx();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = UUID.randomUUID().toString();
        ProductionShapeBench.Services services = ProductionShapeBench.startServices(options, run, token, Map.of(),
                children, out);
        String bootstrap = services.bootstrap();
        int ingestPort = services.ingestPort();

        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        String award = "warm-up-" + run;
        ReplaySummary warm = new Replayer(vertx, "http://127.0.0.1:" + ingestPort, token, line -> { })
                .replay(gg74.withCeremonyId(award + "-74").withAward(award), ReferenceRecordsLoader
                        .before(gg74.definition()).stream().map(r -> r.withAward(award)).toList(),
                        Duration.ofMillis(100))
                .await(5, TimeUnit.MINUTES);
        out.printf(Locale.ROOT, "warm-up: %s, then 10 s idle%n", warm.succeeded() ? "one live show replayed"
                : "FAILED " + warm.failures());
        Map<ServiceJvm, Duration> idleFrom = new LinkedHashMap<>();
        children.forEach(c -> idleFrom.put(c, cpu(c.pid())));
        TimeUnit.SECONDS.sleep(10);

        Map<ServiceJvm, Duration> cpuBefore = new LinkedHashMap<>();
        children.forEach(c -> cpuBefore.put(c, cpu(c.pid())));
        out.println(cpuLine("CPU while idle, 10 s (s):", idleFrom));
        Path log = logDir.resolve("history-import.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                replayJar.toString(), "history", "--kafka", bootstrap);
        long started = System.nanoTime();
        Process importer = new ProcessBuilder(command).redirectErrorStream(true).start();
        // When it has read the file and planned (its first line) and when it is done, as it prints them.
        long planned = 0;
        long finished = 0;
        String done = null;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(importer.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)); var file = Files.newBufferedWriter(log)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                file.write(line);
                file.newLine();
                if (planned == 0 && line.startsWith("Importing")) {
                    planned = System.nanoTime();
                } else if (line.startsWith("Wrote") || line.startsWith("[98/98]")) {
                    out.printf(Locale.ROOT, "  %.1f s: %s%n", (System.nanoTime() - started) / 1e9, line);
                } else if (line.startsWith("Done:")) {
                    finished = System.nanoTime();
                    done = line;
                }
            }
        }
        if (!importer.waitFor(1, TimeUnit.MINUTES) || done == null) {
            importer.destroyForcibly();
            throw new IllegalStateException("the import failed (exit "
                    + (importer.isAlive() ? "none" : importer.exitValue()) + "): see " + log);
        }
        long exited = System.nanoTime();
        double wall = (exited - started) / 1e9;
        out.printf(Locale.ROOT, "the command: JVM start, reading and planning %.1f s; writing and waiting for every"
                        + " answer and award-history %.1f s; closing and exit %.1f s%n", (planned - started) / 1e9,
                (finished - planned) / 1e9, (exited - finished) / 1e9);
        java.util.regex.Matcher figure = java.util.regex.Pattern.compile(" in ([0-9.]+) s").matcher(done);
        double seconds = figure.find() ? Double.parseDouble(figure.group(1)) : Double.NaN;
        out.println(done);
        out.println(cpuLine("CPU of the pipeline's JVMs during the command (s):", cpuBefore));
        out.printf(Locale.ROOT, "RESULT history-import-processes seconds=%.2f target<=15s %s wall-with-jvm-start=%.2f"
                + " load=%.1f%n", seconds, seconds <= 15 ? "MET" : "MISSED", wall,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("command: " + PROCESSES_COMMAND + " (the import: " + String.join(" ", command.subList(1,
                command.size())) + ")");
        vertx.close();
    }

    private static String cpuLine(String title, Map<ServiceJvm, Duration> from) {
        StringBuilder line = new StringBuilder(title);
        from.forEach((child, before) -> line.append(String.format(Locale.ROOT, " %s %.1f", child.name(),
                (cpu(child.pid()).toMillis() - before.toMillis()) / 1e3)));
        return line.toString();
    }

    /** A process's CPU so far (user and system), zero where the platform does not say. */
    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    static Result run(int through, PrintStream out) throws Exception {
        List<HistoryFile.HistoryCeremony> history = HistoryFile.shipped("academy-awards");
        Phases phases = new Phases();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            try (TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-history-import",
                    Files.createTempDirectory("bench-history-import"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1,
                    -1).withHttpPort(0));
                 HistoryImporter importer = new HistoryImporter(bootstrap, phases)) {
                streams.awaitRunning(Duration.ofSeconds(60));
                List<HistoryPlan.Step> plan = HistoryPlan.of(history, through, System.currentTimeMillis());
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                Map<String, Long> cpuBefore = cpuByGroup(threads);
                long compileBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long gcBefore = gcMillis();
                long start = System.nanoTime();
                phases.start = start;
                HistoryImporter.Summary summary = importer.run(plan, Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Long> cpu = cpuByGroup(threads);
                cpu.replaceAll((group, nanos) -> nanos - cpuBefore.getOrDefault(group, 0L));
                out.printf(Locale.ROOT, "phases: written %.1f s, every command answered %.1f s, award-history"
                        + " complete %.1f s%n", phases.written / 1e9, phases.answered / 1e9, seconds);
                out.printf(Locale.ROOT, "transactions: live app %d, derived app %d%n",
                        HistoryBench.commits(streams, false), HistoryBench.commits(streams, true));
                StringBuilder line = new StringBuilder("CPU during the import (s):");
                cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.1f,", e.getKey(),
                                e.getValue() / 1e9)));
                line.append(String.format(Locale.ROOT, " JIT %.1f, GC pauses %.1f",
                        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileBefore) / 1e3,
                        (gcMillis() - gcBefore) / 1e3));
                out.println(line);
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

    /** When the importer said it had written everything and when every command had its answer. */
    private static final class Phases extends PrintStream {
        volatile long start;
        volatile long written;
        volatile long answered;

        Phases() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public PrintStream printf(Locale locale, String format, Object... args) {
            long now = System.nanoTime() - start;
            if (format.startsWith("Wrote")) {
                written = now;
            } else if (format.startsWith("[") && args.length > 1 && args[0].equals(args[1])) {
                answered = now;
            }
            return this;
        }
    }

    /** CPU time of this JVM's live threads, grouped by what they belong to. */
    private static Map<String, Long> cpuByGroup(ThreadMXBean threads) {
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                groups.merge(group(info.getThreadName()), nanos, Long::sum);
            }
        }
        return groups;
    }

    private static String group(String thread) {
        if (thread.contains("-derived-")) {
            return thread.contains("producer") ? "derived-producer" : "derived-app";
        }
        if (thread.startsWith("bench-history-import-")) {
            return thread.contains("producer") ? "live-producer" : "live-app";
        }
        if (thread.startsWith("main") || thread.contains("history-import")) {
            return "importer";
        }
        return "broker+other";
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

}
