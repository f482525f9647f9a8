package dev.awardsticker.bench;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.Pacing;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Soak: ceremony after ceremony through one long-lived pipeline, with thousands of screens that come and go, for a
 * set time; a line per round with latency, the gateway's heap after a full GC, GC and CPU, so growth shows.
 *
 * <p>Each round replays the 74th Golden Globes and the 89th Academy Awards (with its correction) at once, under
 * fresh ceremony ids, while half of SOAK_CLIENTS screens watch one and half the other; then the screens disconnect.
 * The gateway runs in a JVM of its own (as in {@link FanoutBench}) so its heap is its own. Environment: SOAK_MINUTES
 * (10), SOAK_CLIENTS (1000), SOAK_PACE_MS (500, between two awards of a ceremony; at 2000 screens and 100 ms the gateway saturates and the slow-client policy drops screens).
 * "updates/screen" counts update frames: one per editor event (the definition, each win, each correction) since the
 * contract carries all of an event's changes in one update, so far fewer than the per-change figures of older runs.
 *
 * <p>Run: {@code bash bench/soak.sh} (builds if needed).
 */
public final class SoakBench {
    private static final String TOKEN = UUID.randomUUID().toString();

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        run(Duration.ofMinutes(Long.parseLong(env.getOrDefault("SOAK_MINUTES", "10"))),
                Integer.parseInt(env.getOrDefault("SOAK_CLIENTS", "1000")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SOAK_PACE_MS", "500"))), System.out);
        System.exit(0);
    }

    static void run(Duration length, int clients, Duration pace, PrintStream out) throws Exception {
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        CeremonyImport oscars = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89);
        List<RecordReference> records = Stream.concat(ReferenceRecordsLoader.before(gg74.definition()).stream(),
                ReferenceRecordsLoader.before(oscars.definition()).stream()).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "soak-" + UUID.randomUUID(),
                    Files.createTempDirectory("soak-streams"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, -1)
                    .withHttpPort(0));
            Vertx vertx = Vertx.vertx();
            try (GatewayProcess gateway = GatewayProcess.start(bootstrap, GatewayProcess.DEFAULT_JVM_OPTS)) {
                IngestService ingest = IngestService.start(vertx, new IngestConfig(bootstrap, "127.0.0.1", 0,
                        Map.of("soak", TOKEN), Duration.ofSeconds(5), 64L * 1024 * 1024, Duration.ofSeconds(5)))
                        .await(60, TimeUnit.SECONDS);
                streams.awaitRunning(Duration.ofSeconds(60));
                Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + ingest.port(), TOKEN, line -> { });
                int perCeremony = Math.max(1, FanoutBench.socketBudget(clients, out) / 2);
                out.printf("soak: %s, %d screens a round (%d per ceremony), awards %d ms apart%n", length,
                        perCeremony * 2, perCeremony, pace.toMillis());
                out.println("round  elapsed  ceremonies  updates/screen  delivered  p50 ms  p99 ms  max ms"
                        + "  gw heap MB  gw CPU s  gw GC n/ms  pipeline heap MB  pipeline GC n/ms");
                long started = System.nanoTime();
                long firstHeap = -1;
                long lastHeap = 0;
                int round = 0;
                while (System.nanoTime() - started < length.toNanos()) {
                    round++;
                    CeremonyImport a = gg74.withCeremonyId("soak-gg74-" + round);
                    CeremonyImport b = oscars.withCeremonyId("soak-oscars-" + round);
                    try (LoadClients watchA = new LoadClients("a", perCeremony, 1, List.of("127.0.0.1"));
                         LoadClients watchB = new LoadClients("b", perCeremony, 1, List.of("127.0.0.2"))) {
                        watchA.connect("127.0.0.1", gateway.port(), a.definition().id(), 120_000);
                        watchB.connect("127.0.0.1", gateway.port(), b.definition().id(), 120_000);
                        Pacing pacing = Pacing.fixed(pace);
                        List<ReplaySummary> done = Future.all(
                                replayer.replay(a, round == 1 ? records : List.of(), pacing),
                                replayer.replay(b, List.of(), pacing)).await(30, TimeUnit.MINUTES).list();
                        long expectedA = awaitAll(watchA);
                        long expectedB = awaitAll(watchB);
                        Histogram latency = watchA.latency();
                        latency.add(watchB.latency());
                        long heap = gateway.heapAfterGc();
                        firstHeap = firstHeap < 0 ? heap : firstHeap;
                        lastHeap = heap;
                        out.printf("%5d  %6.0fs  %10d  %14s  %9s  %6d  %6d  %6d  %10.1f  %8.1f  %11s  %16.1f  %16s%n",
                                round, (System.nanoTime() - started) / 1e9, round * 2, expectedA + "/" + expectedB,
                                (watchA.clientsAt(watchA.maxSeq()) + watchB.clientsAt(watchB.maxSeq())) + "/"
                                        + (perCeremony * 2), latency.getValueAtPercentile(50),
                                latency.getValueAtPercentile(99), latency.getMaxValue(), heap / 1e6,
                                gateway.cpuNanos() / 1e9, gateway.gc(), JvmStats.usedHeapAfterGc() / 1e6, JvmStats.gc());
                        done.stream().filter(s -> !s.succeeded()).forEach(s -> out.println("  failures: " + s.failures()));
                    }
                }
                out.printf("soak done: %d rounds, %d ceremonies; gateway heap after GC %.1f MB after round 1, %.1f MB"
                                + " after round %d (%.2f MB per round, which holds each ceremony's view and resume"
                                + " buffer: the gateway keeps every ceremony it has seen)%n", round, round * 2,
                        firstHeap / 1e6, lastHeap / 1e6, round, round > 1 ? (lastHeap - firstHeap) / 1e6 / (round - 1) : 0.0);
                replayer.close();
                ingest.close().await(30, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(30, TimeUnit.SECONDS);
                streams.close();
            }
        }
    }

    /** Until every screen has the last seq any screen has, or nothing moved for 10 s; returns the updates a screen got. */
    private static long awaitAll(LoadClients clients) throws InterruptedException {
        long lastTotal = -1;
        long quietSince = System.currentTimeMillis();
        while (true) {
            long last = clients.maxSeq();
            if (last > 0 && clients.clientsAt(last) == clients.count()) {
                return clients.mostUpdates();
            }
            long total = clients.totalUpdates();
            if (total != lastTotal) {
                lastTotal = total;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince > 10_000) {
                return clients.mostUpdates();
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling counters a report reads, not synchronisation in a test
        }
    }

    private SoakBench() {}
}
