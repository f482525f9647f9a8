package dev.awardsticker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the time goes between an editor's submit and the frame on a screen: the 74th Golden Globes replayed through
 * ingest's HTTP API at BENCH_PACE_MS (default 200 ms) after a warm-up replay, with the whole pipeline in this JVM
 * (embedded broker, Streams app with our settings, ingest, gateway) and one WebSocket viewer. Every win is stamped
 * at each hop, all on this machine's wall clock:
 * <ol>
 *   <li>submit: the editor's request leaves (from the answer time minus the request's duration);</li>
 *   <li>ingested: ingest took the request ({@code ingestedAt}, carried in every update);</li>
 *   <li>logged: the win is readable on {@code ceremony-commands} (a read_uncommitted probe);</li>
 *   <li>produced: its update (one per win, carrying the WinnerDeclared and all its consequences) is on
 *   {@code ceremony-updates}, not yet committed (read_uncommitted probe);</li>
 *   <li>committed: readable with read_committed (the transaction committed; what the gateway's feed waits for);</li>
 *   <li>frame: the viewer's WebSocket got it;</li>
 *   <li>answered: ingest's answer (202 with the Streams verdict) reached the editor.</li>
 * </ol>
 * Each probe is a consumer of its own, so each step includes one fetch's wake-up; the sum is checked against the
 * direct submit -> frame figure. Printed, not asserted.
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.PathLatencyBench}.
 */
public final class PathLatencyBench {
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final List<String> STEPS = List.of("submit -> ingested", "ingested -> logged", "logged -> produced",
            "produced -> committed", "committed -> frame", "submit -> frame", "submit -> answered");

    private PathLatencyBench() {}

    /** Arrival times (epoch ms) per event id, one map per probe. */
    private record Probe(String name, Map<String, Long> seen) {}

    public static void main(String[] args) throws Exception {
        long paceMs = Long.parseLong(System.getenv().getOrDefault("BENCH_PACE_MS", "200"));
        run(paceMs, true, System.out);
        System.exit(0);
    }

    /** @param warmUp replay once under another id first (the smoke test skips it to stay short) */
    static Map<String, Histogram> run(long paceMs, boolean warmUp, PrintStream out) throws Exception {
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        List<RecordReference> records = ReferenceRecordsLoader.before(gg74.definition());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            Vertx vertx = Vertx.vertx();
            Map<String, Long> logged = new ConcurrentHashMap<>();
            Map<String, Long> produced = new ConcurrentHashMap<>();
            Map<String, Long> committed = new ConcurrentHashMap<>();
            Map<String, Long> framed = new ConcurrentHashMap<>();
            List<ProbeThread> probes = List.of(
                    new ProbeThread(bootstrap, Topics.CEREMONY_COMMANDS, "read_uncommitted", logged, false),
                    new ProbeThread(bootstrap, Topics.CEREMONY_UPDATES, "read_uncommitted", produced, true),
                    new ProbeThread(bootstrap, Topics.CEREMONY_UPDATES, "read_committed", committed, true));
            try (TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-path",
                    Files.createTempDirectory("bench-path"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, -1)
                    .withHttpPort(0))) {
                GatewayService gateway = GatewayService.start(vertx, GatewayConfig.of(bootstrap, 0),
                        WebhookConfig.defaults()).await(60, TimeUnit.SECONDS);
                IngestService ingest = IngestService.start(vertx, new IngestConfig(bootstrap, "127.0.0.1", 0,
                        Map.of("bench", TOKEN), Duration.ofSeconds(5), 1024 * 1024)).await(60, TimeUnit.SECONDS);
                streams.awaitRunning(Duration.ofSeconds(60));
                probes.forEach(Thread::start);
                Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + ingest.port(), TOKEN, line -> { });
                // Warm-up: the same replay under another id, so the JIT has compiled every hop before we measure.
                if (warmUp) {
                    replayer.replay(gg74.withCeremonyId("path-warm-up"), records,
                            Duration.ofMillis(Math.min(paceMs, 50))).await(10, TimeUnit.MINUTES);
                }

                String id = gg74.definition().id();
                Map<String, Long> ingestedAt = new ConcurrentHashMap<>();
                // Referenced until the end: a Vert.x 5 client that is garbage collected closes its sockets.
                WebSocketClient viewerClient = vertx.createWebSocketClient();
                WebSocket viewer = viewer(viewerClient, gateway.port(), id, framed, ingestedAt);
                ReplaySummary summary = replayer.replay(gg74, records, Duration.ofMillis(paceMs))
                        .await(10, TimeUnit.MINUTES);
                List<String> eventIds = summary.posted().stream().filter(ReplaySummary.Posted::ok)
                        .map(ReplaySummary.Posted::eventId).toList();
                long deadline = System.currentTimeMillis() + 30_000;
                while (!framed.keySet().containsAll(eventIds) && System.currentTimeMillis() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20); // a benchmark waiting for its last frames, not a test
                }
                Map<String, Long> submitted = new LinkedHashMap<>();
                for (ReplaySummary.Posted posted : summary.posted()) {
                    Long answered = summary.answeredAtMillis().get(posted.eventId());
                    if (answered != null) {
                        submitted.put(posted.eventId(), answered - posted.latencyMs());
                    }
                }
                Map<String, Histogram> histograms = new LinkedHashMap<>();
                STEPS.forEach(step -> histograms.put(step, new Histogram(60_000, 3)));
                int complete = 0;
                for (String eventId : eventIds) {
                    Long[] t = {submitted.get(eventId), ingestedAt.get(eventId), logged.get(eventId),
                            produced.get(eventId), committed.get(eventId), framed.get(eventId),
                            summary.answeredAtMillis().get(eventId)};
                    if (java.util.Arrays.stream(t).anyMatch(java.util.Objects::isNull)) {
                        continue;
                    }
                    complete++;
                    for (int i = 0; i < 5; i++) {
                        histograms.get(STEPS.get(i)).recordValue(Math.max(0, t[i + 1] - t[i]));
                    }
                    histograms.get("submit -> frame").recordValue(Math.max(0, t[5] - t[0]));
                    histograms.get("submit -> answered").recordValue(Math.max(0, t[6] - t[0]));
                }
                out.printf("%nSubmit -> frame, hop by hop: GG74 replayed through ingest, a win every %d ms, %d of %d "
                        + "wins traced; embedded broker, our Streams settings (exactly_once_v2), %d cores, load "
                        + "average %s%n", paceMs, complete, eventIds.size(), Runtime.getRuntime().availableProcessors(),
                        Files.readString(Path.of("/proc/loadavg")).trim());
                out.println("| step | p50 ms | p90 ms | p99 ms | max ms |");
                out.println("| --- | --- | --- | --- | --- |");
                histograms.forEach((step, h) -> out.printf("| %s | %d | %d | %d | %d |%n", step,
                        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                        h.getMaxValue()));
                viewer.close();
                viewerClient.close();
                replayer.close();
                ingest.close().await(10, TimeUnit.SECONDS);
                gateway.close().await(10, TimeUnit.SECONDS);
                return histograms;
            } finally {
                probes.forEach(ProbeThread::halt);
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A viewer subscribed to the ceremony: when each win's update frame (with its WinnerDeclared) arrived, and its ingestedAt. */
    private static WebSocket viewer(WebSocketClient client, int port, String ceremony, Map<String, Long> framed,
                                    Map<String, Long> ingestedAt)
            throws java.util.concurrent.TimeoutException {
        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
                .await(30, TimeUnit.SECONDS);
        ws.textMessageHandler(text -> {
            long now = System.currentTimeMillis();
            JsonNode frame = Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
            JsonNode update = frame.path("update");
            if (declaresWinner(update)) {
                framed.putIfAbsent(update.path("eventId").asText(), now);
                ingestedAt.putIfAbsent(update.path("eventId").asText(), update.path("ingestedAt").asLong());
            }
        });
        ws.writeTextMessage("{\"op\":\"subscribe\",\"ceremony\":\"" + ceremony + "\"}").await(30, TimeUnit.SECONDS);
        return ws;
    }

    /** True when the update (one per editor event, its consequences in {@code changes}) declares a winner. */
    static boolean declaresWinner(JsonNode update) {
        for (JsonNode change : update.path("changes")) {
            if ("WinnerDeclared".equals(change.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Stamps the arrival of every record of one topic, as one consumer at one isolation level sees it. */
    private static final class ProbeThread extends Thread {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;
        private final Map<String, Long> seen;
        private final boolean updates;
        private volatile boolean running = true;

        ProbeThread(String bootstrap, String topic, String isolation, Map<String, Long> seen, boolean updates) {
            super("probe-" + topic + "-" + isolation);
            setDaemon(true);
            // As the gateway's feed: a fetch that finds nothing comes back soon rather than parking 500 ms.
            this.consumer = TopicReader.open(bootstrap, isolation, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
            this.topic = topic;
            this.seen = seen;
            this.updates = updates;
        }

        @Override
        public void run() {
            TopicReader.fromEnd(consumer, topic);
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        JsonNode value = Json.read(record.value(), JsonNode.class);
                        if (!updates || declaresWinner(value)) {
                            seen.putIfAbsent(value.path("eventId").asText(), now);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException stopping) {
                // halt()
            } finally {
                consumer.close();
            }
        }

        void halt() {
            running = false;
            consumer.wakeup();
        }
    }
}
