package dev.awardsticker.launcher;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.launcher.watch.LiveWatcher;
import com.sun.net.httpserver.HttpServer;
import dev.awardsticker.gateway.push.WebhookConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scrapes every service's {@code /metrics} before and after a replay of the 74th Golden Globes and checks that
 * the counters moved by the right totals. The ceremony and its award are new (as in EditorsDeskIT), so the
 * shared reference records of the real Golden Globes stay as other tests expect them.
 */
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "metrics-token-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String ADMIN_TOKEN = "metrics-admin-" + UUID.randomUUID();
    private static final AtomicInteger pushes = new AtomicInteger();
    private static final AtomicInteger pushedAlerts = new AtomicInteger();
    private static final AtomicInteger sseUpdates = new AtomicInteger();
    private static Pipeline pipeline;
    private static LiveWatcher viewer;
    private static HttpResponse<java.io.InputStream> sse;
    private static HttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        // A broker of its own (the embedded one the launcher starts): the counters are per service, not per
        // ceremony, and every other test class in this JVM writes to the shared test broker's topics.
        pipeline = Pipeline.start(new Pipeline.Settings(null, 0, 0, "metrics-" + UUID.randomUUID(),
                "metrics-editor", TOKEN), new WebhookConfig(List.of(ADMIN_TOKEN), 50, 1000,
                WebhookConfig.DEFAULT_GIVE_UP_MS, WebhookConfig.DEFAULT_TIMEOUT_MS, "metrics-" + UUID.randomUUID()));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            pushes.incrementAndGet();
            pushedAlerts.addAndGet((int) Json.MAPPER.readTree(body).findValuesAsText("type").stream()
                    .filter("RecordAlert"::equals).count());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (viewer != null) {
            join(viewer.close());
        }
        if (sse != null) {
            sse.body().close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theCountersMoveByTheReplaysTotals() throws Exception {
        for (String url : List.of(ingest(), streams(), gateway())) {
            await().atMost(WAIT).until(() -> get(url + "/ready").statusCode() == 200);
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74)
                .withCeremonyId("gg74-metrics-" + suffix);
        String award = "metrics-" + suffix;
        CeremonyImport ceremony = gg74.withAward(award);
        CeremonyDefinition d = ceremony.definition();
        List<RecordReference> records = ReferenceRecordsLoader.before(gg74.definition()).stream()
                .map(r -> r.withAward(award)).toList();
        assertTrue(!records.isEmpty());

        viewer = join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), d.id(), r -> {}));
        await().atMost(WAIT).until(() -> metric(scrape(gateway()), "ticker_gateway_clients", "transport=\"websocket\"") == 1);
        // A newsroom on Server-Sent Events, and a push service on a webhook for the alerts.
        sse = HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/sse?ceremony=" + d.id())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, sse.statusCode());
        Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(sse.body(),
                java.nio.charset.StandardCharsets.UTF_8)).lines().filter("event: update"::equals)
                .forEach(line -> sseUpdates.incrementAndGet()), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(WAIT).until(() -> metric(scrape(gateway()), "ticker_gateway_clients", "transport=\"sse\"") == 1);
        HttpResponse<String> subscribed = HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/webhooks"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/push\",\"filter\":{\"ceremony\":\"" + d.id() + "\",\"alertsOnly\":true}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        // The subscription is in once the snapshot came back.
        await().atMost(WAIT).until(() -> !viewer.snapshots().isEmpty());

        String ingestBefore = scrape(ingest());
        String streamsBefore = scrape(streams());
        String gatewayBefore = scrape(gateway());

        ReplaySummary summary = join(new Replayer(pipeline.vertx(), pipeline.ingestUrl(), TOKEN, line -> {})
                .replay(ceremony, records, Duration.ZERO));
        assertTrue(summary.succeeded(), () -> "failures: " + summary.failures());
        assertEquals(26, summary.winsPosted());
        String last = Replayer.eventId(ceremony.definition().id(), ceremony.results().get(ceremony.results().size() - 1).order());
        await().atMost(WAIT).until(() -> viewer.firstFrameOf(last) != null);

        // Ingest counts when it answers, which the replay waited for.
        String ingestAfter = scrape(ingest());
        assertEquals(26, delta(ingestBefore, ingestAfter, "ticker_ingest_events_total", "outcome=\"accepted\"", "type=\"win\""));
        assertEquals(1, delta(ingestBefore, ingestAfter, "ticker_ingest_events_total", "outcome=\"accepted\"", "type=\"definition\""));
        assertEquals(1, delta(ingestBefore, ingestAfter, "ticker_ingest_events_total", "outcome=\"accepted\"", "type=\"records\""));
        // The definition is two records: the command, and the copy kept for ingest's validation.
        assertTrue(delta(ingestBefore, ingestAfter, "ticker_ingest_produce_seconds_count") >= 26 + 2 + records.size());

        // Wins are counted by the Streams app; the definition apart.
        String streamsAfter = scrape(streams());
        assertEquals(26, delta(streamsBefore, streamsAfter, "ticker_streams_events_total", "outcome=\"accepted\""));
        assertEquals(1, delta(streamsBefore, streamsAfter, "ticker_streams_events_total", "outcome=\"defined\""));
        assertEquals(0, delta(streamsBefore, streamsAfter, "ticker_streams_events_total", "outcome=\"dead_lettered\""));
        assertTrue(streamsAfter.contains("kafka_stream_"), "Kafka Streams' own metrics are exposed");

        // The viewer has every update by now (the last win's frame came after all others): one per command.
        int updates = viewer.received().size();
        assertEquals(1 + 26, updates, "updates received");
        await().atMost(WAIT).untilAsserted(() -> {
            String gatewayAfter = scrape(gateway());
            assertTrue(delta(gatewayBefore, gatewayAfter, "ticker_gateway_frames_sent_total") >= updates);
            assertEquals(updates, delta(gatewayBefore, gatewayAfter, "ticker_gateway_end_to_end_seconds_count"));
            assertTrue(delta(gatewayBefore, gatewayAfter, "ticker_gateway_updates_applied_total") >= updates);
            assertEquals(1, metric(gatewayAfter, "ticker_gateway_clients", "transport=\"websocket\""));
            assertEquals(1, metric(gatewayAfter, "ticker_gateway_clients", "transport=\"sse\""));
            assertEquals(updates, sseUpdates.get());
            assertTrue(delta(gatewayBefore, gatewayAfter, "ticker_gateway_frames_sent_total", "transport=\"sse\"") >= updates);
            // GG74's four alerts, each delivered once to the push service: with the three wins that raise them
            // (Chazelle's Best Director; La La Land's 6th; its 7th, both the record and the perfect night).
            assertEquals(4, pushedAlerts.get());
            assertEquals(3, pushes.get());
            assertEquals(3, delta(gatewayBefore, gatewayAfter, "ticker_gateway_webhook_deliveries_total", "outcome=\"delivered\""));
            assertEquals(0, delta(gatewayBefore, gatewayAfter, "ticker_gateway_webhook_deliveries_total", "outcome=\"dead_lettered\""));
        });

        for (String url : List.of(ingest(), streams(), gateway())) {
            assertEquals(200, get(url + "/ready").statusCode(), url);
            assertEquals(200, get(url + "/health").statusCode(), url);
        }
    }

    private static String ingest() {
        return pipeline.ingestUrl();
    }

    private static String streams() {
        return "http://localhost:" + pipeline.streamsHttpPort();
    }

    private static String gateway() {
        return "http://localhost:" + pipeline.gatewayPort();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(String base) throws Exception {
        HttpResponse<String> response = get(base + "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    private static double delta(String before, String after, String name, String... labels) {
        return metric(after, name, labels) - metric(before, name, labels);
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels}; 0 when there is none. */
    static double metric(String exposition, String name, String... labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)").matcher(exposition);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
