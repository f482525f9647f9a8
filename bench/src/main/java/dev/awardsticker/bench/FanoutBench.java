package dev.awardsticker.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * End-to-end fan-out: editors' submits (ingest, HTTP 202) → Kafka → Streams (exactly_once_v2) → gateway →
 * N WebSocket clients, all subscribed to one ceremony. The broker, the Streams app, ingest and the load generator
 * run in this JVM; the gateway runs in a JVM of its own ({@link GatewayProcess}) so its heap and CPU are measured
 * alone. Every client times every update from the {@code ingestedAt} it carries to its arrival.
 *
 * <p>With {@code BENCH_PEER=true} the Node peer gateway ({@code bench/node-peer}, {@code ws} + {@code kafkajs})
 * runs beside ours on the same broker: the clients are split evenly between the two, one replay feeds both, and
 * the table gives the ratios of delivered updates per second and of delivery p99s.
 *
 * <p>Besides latency from {@code ingestedAt}, which includes the whole pipeline, it reports the fan-out spread: each
 * client's arrival of an update minus the earliest arrival of that update among the same gateway's clients (all
 * clients run on this machine, one clock), which is the gateway's fan-out alone; the Vert.x blocked-thread warnings
 * the gateway printed during the measured replay; and, read from the gateway's {@code GET /metrics} after the run,
 * its per-event-loop {@code ticker_gateway_loop_*} series where the gateway exports them.
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutBench}, or
 * {@code bash bench/run.sh}. Environment: BENCH_CLIENTS (20000), BENCH_WINS (0: the 74th Golden Globes as
 * announced; N: a synthetic ceremony of N wins), BENCH_PACE_MS (0: each submit right after the previous answer),
 * BENCH_CLIENT_LOOPS (2), BENCH_GATEWAY_JVM_OPTS, BENCH_GATEWAY_EVENT_LOOPS (the gateway's
 * GATEWAY_EVENT_LOOPS; unset: its default), BENCH_PEER, BENCH_RESULTS_DIR, BENCH_WARMUP (true: one unmeasured
 * replay first, under another ceremony id), BENCH_TRACE (print client 0's latency per seq), BENCH_HEAP_HISTO (print
 * the gateway's biggest classes with the idle clients connected).
 */
public final class FanoutBench {

    record Options(int clients, int wins, long paceMs, int clientLoops, List<String> gatewayJvmOpts, boolean peer,
                   Path nodePeerDir, Path resultsDir, boolean warmup, Integer gatewayEventLoops) {
        static Options fromEnv(Map<String, String> env) {
            Path bench = Files.isRegularFile(Path.of("bench", "pom.xml")) ? Path.of("bench") : Path.of(".");
            String opts = env.get("BENCH_GATEWAY_JVM_OPTS");
            String loops = env.get("BENCH_GATEWAY_EVENT_LOOPS");
            return new Options(Integer.parseInt(env.getOrDefault("BENCH_CLIENTS", "20000")),
                    Integer.parseInt(env.getOrDefault("BENCH_WINS", "0")),
                    Long.parseLong(env.getOrDefault("BENCH_PACE_MS", "0")),
                    Integer.parseInt(env.getOrDefault("BENCH_CLIENT_LOOPS", "2")),
                    opts == null || opts.isBlank() ? GatewayProcess.DEFAULT_JVM_OPTS : List.of(opts.trim().split("\\s+")),
                    Boolean.parseBoolean(env.getOrDefault("BENCH_PEER", "false")),
                    bench.resolve("node-peer"),
                    Path.of(env.getOrDefault("BENCH_RESULTS_DIR", bench.resolve("target").resolve("results").toString())),
                    Boolean.parseBoolean(env.getOrDefault("BENCH_WARMUP", "true")),
                    loops == null || loops.isBlank() ? null : Integer.valueOf(loops.trim()));
        }
    }

    /**
     * One gateway's figures. heapPerConnection is null where it was not measured (the Node peer). spread*Ms: the
     * fan-out spread (an arrival minus the earliest arrival of the same update among this gateway's clients).
     */
    record Row(String gateway, int clients, int connected, long updatesPerClient, int complete, long frames,
               double updatesPerSecond, long p50, long p99, long p999, long max, long worstOfMedianClient,
               long outOfOrder, Double heapPerConnection, double cpuSeconds, double cpuPercentOfCore,
               long winP50, long winP99, long winMax, double spreadP50Ms, double spreadP99Ms, double spreadMaxMs) {}

    /**
     * ratio: java/node delivered updates/s; p99Ratio: node p99 / java p99 (both null without the peer).
     * blockedThreadWarnings: the gateway's Vert.x "has been blocked for" lines during the measured replay.
     * gatewayLoops: loop -> ticker_gateway_loop_* series (name without the prefix -> value), empty if not exported.
     */
    record Result(String ceremony, int submits, double replaySeconds, String loadAverage, List<Row> rows,
                  Double ratio, Double p99Ratio, int blockedThreadWarnings, Map<String, Map<String, Double>> gatewayLoops,
                  double benchJvmCpuSeconds, Path json) {}

    private static final String LOOP_METRICS = "ticker_gateway_loop_";

    private static final String TOKEN = UUID.randomUUID().toString();

    public static void main(String[] args) throws Exception {
        run(Options.fromEnv(System.getenv()), System.out);
        System.exit(0);
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        CeremonyImport ceremony = options.wins() <= 0
                ? CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74)
                : synthetic("bench-fanout", options.wins());
        List<RecordReference> records = options.wins() <= 0 ? ReferenceRecordsLoader.before(ceremony.definition()) : List.of();
        String id = ceremony.definition().id();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-fanout-" + id,
                    Files.createTempDirectory("bench-fanout-streams"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, -1)
                    .withHttpPort(0));
            Vertx vertx = Vertx.vertx();
            List<ClientGroup> groups = new ArrayList<>();
            NodePeerProcess node = null;
            try (GatewayProcess gateway = GatewayProcess.start(bootstrap, options.gatewayJvmOpts(),
                    options.gatewayEventLoops())) {
                IngestService ingest = IngestService.start(vertx, new IngestConfig(bootstrap, "127.0.0.1", 0,
                        Map.of("bench", TOKEN), Duration.ofSeconds(5), 64L * 1024 * 1024, Duration.ofSeconds(5)))
                        .await(60, TimeUnit.SECONDS);
                streams.awaitRunning(Duration.ofSeconds(60));
                if (options.peer()) {
                    node = NodePeerProcess.start(options.nodePeerDir(), bootstrap);
                }
                // The definition (and the records) first, as before a show: viewers who connect later get it in
                // their snapshot, and the replay below posts it again unchanged, which publishes nothing (a DUPLICATE
                // verdict): every update the clients then get is one editor event with all of its changes.
                Replayer definer = new Replayer(vertx, "http://127.0.0.1:" + ingest.port(), TOKEN, line -> { });
                definer.define(ceremony, records).await(60, TimeUnit.SECONDS);
                definer.close();
                long definedUpTo = awaitSettled(bootstrap, id);
                int clients = socketBudget(options.clients(), out);
                int ours = options.peer() ? clients - clients / 2 : clients;
                gateway.heapAfterGc(); // the first full GCs after start-up still free start-up garbage
                long heapBefore = gateway.heapAfterGc();
                ClientGroup java = new ClientGroup("java (Vert.x)", ours, options.clientLoops(), 1, gateway.port(), id,
                        definedUpTo);
                groups.add(java);
                long heapAfter = gateway.heapAfterGc();
                double heapPerConnection = (heapAfter - heapBefore) / (double) Math.max(1, java.greeted());
                out.printf("gateway: %d of %d clients subscribed; heap after GC %.1f MB idle, %.1f MB with them%n",
                        java.greeted(), ours, heapBefore / 1e6, heapAfter / 1e6);
                if (Boolean.parseBoolean(System.getenv("BENCH_HEAP_HISTO"))) {
                    gateway.printHistogram(); // where the heap per connection goes
                }
                if (node != null) {
                    ClientGroup peer = new ClientGroup("node (ws+kafkajs)", clients / 2, options.clientLoops(), 21,
                            node.port(), id, definedUpTo);
                    groups.add(peer);
                    out.printf("node peer: %d of %d clients subscribed%n", peer.greeted(), peer.count());
                }
                if (options.warmup()) {
                    warmUp(vertx, bootstrap, ingest.port(), gateway, node, options, out);
                }

                int blockedBefore = gateway.blockedThreadWarnings();
                long cpuGatewayBefore = gateway.cpuNanos();
                long cpuNodeBefore = node == null ? 0 : node.cpuNanos();
                long cpuBenchBefore = os.getProcessCpuTime();
                Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + ingest.port(), TOKEN, line -> { });
                ReplaySummary summary = replayer.replay(ceremony, records, Duration.ofMillis(options.paceMs()))
                        .await(30, TimeUnit.MINUTES);
                double replaySeconds = summary.elapsedMs() / 1000.0;
                out.println("replay: " + describe(summary));
                long expected = finalSeq(bootstrap, id);
                out.printf("replay: seq %d to %d of %s, %d updates to each client%n", definedUpTo + 1, expected, id,
                        expected - definedUpTo);
                awaitDelivered(groups, expected);
                long cpuGateway = gateway.cpuNanos() - cpuGatewayBefore;
                long cpuNode = node == null ? 0 : node.cpuNanos() - cpuNodeBefore;
                double cpuBench = (os.getProcessCpuTime() - cpuBenchBefore) / 1e9;
                out.println("gateway: " + gateway.stats());
                // Vert.x warns only while a thread is still blocked: once every client has everything (and stats
                // was answered on a loop) the window's warnings have been printed.
                int blocked = gateway.blockedThreadWarnings() - blockedBefore;
                List<Row> rows = new ArrayList<>();
                for (ClientGroup group : groups) {
                    ClientsProcess.Report report = group.report(expected);
                    if (report.trace() != null && !report.trace().isEmpty()) {
                        out.println(group.name() + " client 0, seq:latency ms: " + report.trace());
                    }
                    rows.add(row(group.name(), report, group.spread(), group == java ? heapPerConnection : null,
                            group == java ? cpuGateway : cpuNode));
                }
                Double ratio = rows.size() == 2 && rows.get(1).updatesPerSecond() > 0
                        ? rows.get(0).updatesPerSecond() / rows.get(1).updatesPerSecond() : null;
                Double p99Ratio = rows.size() == 2 && rows.get(0).p99() > 0
                        ? rows.get(1).p99() / (double) rows.get(0).p99() : null;
                Map<String, Map<String, Double>> loops = loopMetrics(gateway, out);
                Result result = new Result(id, summary.posted().size(), replaySeconds, JvmStats.loadAverage(), rows,
                        ratio, p99Ratio, blocked, loops, cpuBench, null);
                print(result, options, out);
                Path json = writeJson(result, options);
                out.println("results: " + json);
                replayer.close();
                ingest.close().await(10, TimeUnit.SECONDS);
                return new Result(result.ceremony(), result.submits(), result.replaySeconds(), result.loadAverage(),
                        rows, ratio, p99Ratio, blocked, loops, cpuBench, json);
            } finally {
                groups.forEach(ClientGroup::close);
                if (node != null) {
                    node.close();
                }
                vertx.close().await(10, TimeUnit.SECONDS);
                streams.close();
            }
        }
    }

    /**
     * The same replay under another ceremony id, with a few clients of its own, so the JIT has compiled the whole
     * path (ingest, Streams, the gateway's feed and fan-out, the clients) before the measured replay. The measured
     * clients do not subscribe to it.
     */
    private static void warmUp(Vertx vertx, String bootstrap, int ingestPort, GatewayProcess gateway, NodePeerProcess node,
                               Options options, PrintStream out) throws Exception {
        CeremonyImport warm = options.wins() <= 0
                ? CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74).withCeremonyId("warm-up-74")
                : synthetic("warm-up", Math.min(options.wins(), 200));
        String id = warm.definition().id();
        List<LoadClients> warmers = new ArrayList<>();
        try {
            LoadClients ours = new LoadClients("warm-up", 100, 1, List.of("127.0.0.1"));
            warmers.add(ours);
            ours.connect("127.0.0.1", gateway.port(), id, 60_000);
            if (node != null) {
                LoadClients theirs = new LoadClients("warm-up node", 100, 1, List.of("127.0.0.1"));
                warmers.add(theirs);
                theirs.connect("127.0.0.1", node.port(), id, 60_000);
            }
            Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + ingestPort, TOKEN, line -> { });
            ReplaySummary summary = replayer.replay(warm, List.of(), Duration.ZERO).await(30, TimeUnit.MINUTES);
            awaitWarmedUp(warmers, finalSeq(bootstrap, id));
            replayer.close();
            out.printf("warm-up: %d submits in %.1f s, %d updates to each of %d clients, p50 %d ms%n",
                    summary.posted().size(), summary.elapsedMs() / 1000.0, ours.maxSeq(), ours.connected(),
                    ours.latency().getValueAtPercentile(50));
        } finally {
            warmers.forEach(LoadClients::close);
        }
    }

    /** Verdicts and submit (202) latencies: a PENDING verdict means Streams took longer than ingest waits. */
    static String describe(ReplaySummary summary) {
        long[] ms = summary.posted().stream().mapToLong(ReplaySummary.Posted::latencyMs).sorted().toArray();
        String trace = Boolean.parseBoolean(System.getenv("BENCH_TRACE")) ? "; submits (firstSeq:ms): "
                + String.join(" ", summary.posted().stream().map(p -> p.firstSeq() + ":" + p.latencyMs()).toList()) : "";
        return String.format("%d submits, %d ACCEPTED, %d PENDING, %d failed; submit latency p50 %d ms, max %d ms%s",
                ms.length, summary.withVerdict("ACCEPTED"), summary.withVerdict("PENDING"), summary.failures().size(),
                ms.length == 0 ? 0 : ms[ms.length / 2], ms.length == 0 ? 0 : ms[ms.length - 1], trace);
    }

    /** Until every client has seen seq {@code finalSeq}, or nothing arrived for 30 s. */
    private static void awaitDelivered(List<ClientGroup> groups, long finalSeq) throws InterruptedException, IOException {
        long lastTotal = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() - quietSince < 30_000) {
            long total = 0;
            boolean all = true;
            for (ClientGroup group : groups) {
                long[] status = group.status(finalSeq);
                total += status[0];
                all &= status[2] == status[3];
            }
            if (all) {
                return;
            }
            if (total != lastTotal) {
                lastTotal = total;
                quietSince = System.currentTimeMillis();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The ceremony's last seq once Streams has published it and nothing more comes for half a second. */
    private static long awaitSettled(String bootstrap, String ceremony) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        long previous = -1;
        long seq = finalSeq(bootstrap, ceremony);
        while ((seq == 0 || seq != previous) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            previous = seq;
            seq = finalSeq(bootstrap, ceremony);
        }
        return seq;
    }

    /** The highest seq of {@code ceremony} committed to ceremony-updates: what every client must reach. */
    static long finalSeq(String bootstrap, String ceremony) {
        try (KafkaConsumer<String, byte[]> consumer = TopicReader.open(bootstrap, "read_committed", Map.of())) {
            List<TopicPartition> partitions = TopicReader.fromStart(consumer, Topics.CEREMONY_UPDATES);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long max = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (ceremony.equals(record.key()) && record.value() != null) {
                        max = Math.max(max, Json.read(record.value(), CeremonyUpdate.class).seq());
                    }
                }
            }
            return max;
        }
    }

    /** Until every warm-up client has seen seq {@code finalSeq}, or 60 s passed. */
    private static void awaitWarmedUp(List<LoadClients> groups, long finalSeq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline
                && !groups.stream().allMatch(g -> g.clientsAt(finalSeq) == g.connected())) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The gateway's per-event-loop series from {@code GET /metrics}; none (and said so) if it has none or fails. */
    private static Map<String, Map<String, Double>> loopMetrics(GatewayProcess gateway, PrintStream out) {
        try {
            return loopMetrics(gateway.metrics());
        } catch (IOException | RuntimeException e) {
            out.println("gateway: GET /metrics failed: " + e);
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /**
     * loop tag -> series name without {@code ticker_gateway_loop_} (other tags kept in braces) -> value, from the
     * Prometheus text format; histogram buckets are left out.
     */
    static Map<String, Map<String, Double>> loopMetrics(String prometheus) {
        Map<String, Map<String, Double>> byLoop = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            int brace = line.indexOf('{');
            int close = line.lastIndexOf('}');
            int space = line.indexOf(' ');
            if (!line.startsWith(LOOP_METRICS) || space < 0 || brace >= 0 && (close < brace || space < brace)) {
                continue;
            }
            String name = line.substring(LOOP_METRICS.length(), brace >= 0 ? brace : space);
            if (name.endsWith("_bucket")) {
                continue;
            }
            // the value, then an optional timestamp
            String[] sample = line.substring(brace >= 0 ? close + 1 : space).strip().split("\\s+");
            String loop = "-";
            List<String> tags = new ArrayList<>();
            if (brace >= 0) {
                for (String tag : line.substring(brace + 1, close).split(",")) {
                    int eq = tag.indexOf('=');
                    if (eq > 0 && tag.substring(0, eq).strip().equals("loop")) {
                        loop = tag.substring(eq + 1).strip().replace("\"", "");
                    } else if (!tag.isBlank()) {
                        tags.add(tag.strip());
                    }
                }
            }
            try {
                byLoop.computeIfAbsent(loop, l -> new TreeMap<>()).put(
                        tags.isEmpty() ? name : name + "{" + String.join(",", tags) + "}",
                        Double.parseDouble(sample[0]));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return byLoop;
    }

    private static Row row(String name, ClientsProcess.Report r, Histogram spread, Double heapPerConnection,
                           long cpuNanos) {
        double seconds = Math.max(1, r.lastMs() - r.firstMs()) / 1000.0;
        double cpuSeconds = cpuNanos / 1e9;
        Histogram latency = r.latency();
        Histogram wins = r.winLatency();
        return new Row(name, r.count(), r.connected(), r.mostUpdates(), r.complete(), r.total(), r.total() / seconds,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getMaxValue(), r.worstOfMedianClient(), r.outOfOrder(), heapPerConnection, cpuSeconds,
                100 * cpuSeconds / seconds, wins.getValueAtPercentile(50), wins.getValueAtPercentile(99),
                wins.getMaxValue(), spread.getValueAtPercentile(50) / 1000.0, spread.getValueAtPercentile(99) / 1000.0,
                spread.getMaxValue() / 1000.0);
    }

    /**
     * Each gateway socket is a file descriptor, and RLIMIT_NOFILE caps a process's descriptors: a limit that
     * cannot hold the clients plus the gateway's own files (jars, Kafka, epoll) would fail mid-run, so the
     * run is capped and says so.
     */
    static int socketBudget(int clients, PrintStream out) {
        long limit = openFilesLimit();
        long budget = limit - 500;
        if (clients > budget) {
            out.printf("NOTE: this machine caps open files per process at %d (RLIMIT_NOFILE; raising it needs "
                    + "CAP_SYS_RESOURCE): one gateway JVM can hold about %d sockets, so %d clients are measured, "
                    + "not %d%n", limit, budget, budget, clients);
            return (int) budget;
        }
        return clients;
    }

    private static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no cap known
        }
        return Long.MAX_VALUE;
    }

    static void print(Result result, Options options, PrintStream out) {
        out.printf("%nFan-out of %s: %d submits replayed through ingest in %.1f s (pace %d ms), exactly_once_v2, "
                        + "embedded broker, %d cores, load average %s%n", result.ceremony(), result.submits(),
                result.replaySeconds(), options.paceMs(), Runtime.getRuntime().availableProcessors(), result.loadAverage());
        out.printf("gateway JVM: %s; latency = client receive time - ingestedAt (ms)%n", String.join(" ", options.gatewayJvmOpts()));
        out.printf("%-18s %7s %9s %8s %8s %10s %11s %6s %6s %7s %6s %10s %9s %7s%n", "gateway", "clients", "connected",
                "updates", "complete", "frames", "updates/s", "p50", "p99", "p99.9", "max", "heap/conn", "CPU s", "CPU %");
        for (Row r : result.rows()) {
            out.printf("%-18s %7d %9d %8d %8d %10d %11.0f %6d %6d %7d %6d %10s %9.1f %7.0f%n", r.gateway(), r.clients(),
                    r.connected(), r.updatesPerClient(), r.complete(), r.frames(), r.updatesPerSecond(), r.p50(), r.p99(),
                    r.p999(), r.max(), r.heapPerConnection() == null ? "n/a" : String.format("%.0f B", r.heapPerConnection()),
                    r.cpuSeconds(), r.cpuPercentOfCore());
        }
        for (Row r : result.rows()) {
            out.printf("%-18s WinnerDeclared frames only (submit -> the winner on screen): p50 %d ms, p99 %d ms, "
                    + "max %d ms%n", r.gateway(), r.winP50(), r.winP99(), r.winMax());
        }
        for (Row r : result.rows()) {
            out.printf("%-18s fan-out spread (arrival - the update's first arrival among its clients): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", r.gateway(), r.spreadP50Ms(), r.spreadP99Ms(), r.spreadMaxMs());
        }
        out.printf("(updates: per client, after the snapshot; complete: clients that reached the ceremony's last seq; "
                + "updates/s: frames delivered / (last - first arrival); CPU: the gateway process, %% of one core "
                + "over that window; this JVM (broker, Streams, ingest, clients): %.1f s; spread: first %d updates)%n",
                result.benchJvmCpuSeconds(), LoadClients.SPREAD_SEQS);
        out.printf("gateway blocked-thread warnings (Vert.x \"%s\") during the measured replay: %d%n",
                GatewayProcess.BLOCKED_WARNING, result.blockedThreadWarnings());
        if (result.gatewayLoops().isEmpty()) {
            out.printf("gateway event loops: no %s* series in GET /metrics%n", LOOP_METRICS);
        } else {
            out.printf("gateway event loops (%s*, GET /metrics after the run, since the gateway started):%n",
                    LOOP_METRICS);
            result.gatewayLoops().forEach((loop, series) -> out.printf("  loop %s: %s%n", loop,
                    String.join("  ", series.entrySet().stream().map(e -> e.getKey() + " " + number(e.getValue()))
                            .toList())));
        }
        if (result.ratio() != null) {
            out.printf("ratio java/node delivered updates/s: %.2f%n", result.ratio());
        }
        if (result.p99Ratio() != null) {
            out.printf("ratio node/java delivery p99: %.2f%n", result.p99Ratio());
        }
    }

    /** Whole numbers without a fraction (counters), others with four significant digits (seconds). */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format("%.4g", value);
    }

    private static Path writeJson(Result result, Options options) throws IOException {
        Files.createDirectories(options.resultsDir());
        Path file = options.resultsDir().resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", "FanoutBench");
        json.put("ceremony", result.ceremony());
        json.put("submits", result.submits());
        json.put("replaySeconds", result.replaySeconds());
        json.put("paceMs", options.paceMs());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("loadAverage", result.loadAverage());
        json.put("gatewayJvmOpts", options.gatewayJvmOpts());
        json.put("benchJvmCpuSeconds", result.benchJvmCpuSeconds());
        json.put("rows", result.rows());
        json.put("ratioJavaToNode", result.ratio());
        json.put("ratioP99NodeToJava", result.p99Ratio());
        json.put("gatewayEventLoops", options.gatewayEventLoops());
        json.put("blockedThreadWarnings", result.blockedThreadWarnings());
        json.put("gatewayLoops", result.gatewayLoops());
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        return file;
    }


    /** A ceremony of {@code wins} categories, one win each; ten works share the wins so tallies move. */
    static CeremonyImport synthetic(String prefix, int wins) {
        String id = prefix + "-" + wins;
        CeremonyDefinition definition = new CeremonyDefinition(id, "bench", "Bench Awards (" + wins + " wins)", 1,
                LocalDate.of(2020, 1, 1), "TV", IntStream.range(0, wins).mapToObj(i -> new Category("Category " + i,
                List.of(new Nominee("Work " + i % 10, "Work " + i % 10, List.of(), "Studio " + i % 3),
                        new Nominee("Other " + i, "Other " + i, List.of(), "Studio")))).toList());
        return new CeremonyImport(definition, IntStream.range(0, wins)
                .mapToObj(i -> new AnnouncedWin(i + 1, "Category " + i, "Work " + i % 10, null)).toList());
    }
}
