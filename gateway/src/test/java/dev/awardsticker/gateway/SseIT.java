package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.alertWithdrawn;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.winner;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /sse} against a real broker and over real HTTP: snapshot, updates, Last-Event-ID resume, resets. */
@ExtendWith(KafkaBrokerExtension.class)
class SseIT {
    /** Small, so that "too old to resume" is easy to reach. */
    private static final int RESUME_BUFFER = 30;
    private static final long KEEPALIVE_MS = 200;
    private static final long EPOCH = 13;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayConfig config;
    private static GatewayService gateway;

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        config = GatewayConfig.of(broker.bootstrapServers(), 0).withResumeBuffer(RESUME_BUFFER)
                .withSseKeepaliveMs(KEEPALIVE_MS);
        gateway = GatewayService.start(vertx, config).await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsSnapshotThenUpdatesWithTheirPositionAsId() throws Exception {
        String ceremony = uniqueCeremony("sse-order");
        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT));
        awaitSeq(ceremony, 2);

        try (SseClient client = sse("/sse?ceremony=" + ceremony)) {
            assertEquals(200, client.status());
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
            assertEquals("no-cache", client.header("Cache-Control"));
            assertEquals("no", client.header("X-Accel-Buffering"));

            SseClient.Event snapshot = client.awaitEvent("snapshot");
            assertEquals(ceremony + ":" + EPOCH + ":2", snapshot.id());
            assertEquals(2, snapshot.json().path("seq").asLong());
            assertEquals("snapshot", snapshot.json().path("type").asText());
            assertEquals(MOONLIGHT, snapshot.json().path("state").path("winners").get(0).path("nominee").asText());
            assertTrue(client.retry() != null && client.retry() > 0, "a retry: hint comes first");

            producer.send(tally(ceremony, EPOCH, 3, MOONLIGHT, 1), alert(ceremony, EPOCH, 4, PICTURE, MOONLIGHT));
            assertEquals(List.of(3L, 4L), client.awaitUpdatesThrough(4));
            List<SseClient.Event> events = client.events();
            assertEquals(List.of("snapshot", "update", "update"), client.types());
            assertEquals(ceremony + ":" + EPOCH + ":3", events.get(1).id());
            assertEquals(ceremony + ":" + EPOCH + ":4", events.get(2).id());
            // The data is the WebSocket update frame, byte for byte the same JSON.
            assertEquals("RecordAlert", events.get(2).json().path("update").path("changes").path(0).path("type").asText());
        }
    }

    /** One event per update, whatever it changed; a filtered stream gets only the passing changes, or nothing. */
    @Test
    void aWinIsOneEventPerStreamAndAFilteredStreamGetsOnlyItsChanges() throws Exception {
        String ceremony = uniqueCeremony("sse-whole");
        try (SseClient all = sse("/sse?ceremony=" + ceremony);
             SseClient director = sse("/sse?ceremony=" + ceremony + "&categories=" + DIRECTOR.replace(" ", "%20"))) {
            all.awaitEvent("snapshot");
            director.awaitEvent("snapshot");
            producer.send(definitionEvent(ceremony, EPOCH, 1), moonlightWinsPicture(ceremony, EPOCH, 2),
                    chazelleWinsDirector(ceremony, EPOCH, 3));
            assertEquals(List.of(1L, 2L, 3L), all.awaitUpdatesThrough(3));
            assertEquals(List.of("snapshot", "update", "update", "update"), all.types());
            assertEquals(6, all.events().get(2).json().path("update").path("changes").size(),
                    "the win with its tallies, leaderboard, alert and record");
            assertEquals(List.of(1L, 3L), director.awaitUpdatesThrough(3), "nothing of seq 2 passes");
            SseClient.Event chazelle = director.events().get(2);
            assertEquals(ceremony + ":" + EPOCH + ":3", chazelle.id());
            JsonNode changes = chazelle.json().path("update").path("changes");
            assertEquals(1, changes.size(), "the winner only: tallies and leaderboard have no category");
            assertEquals("WinnerDeclared", changes.path(0).path("type").asText());
        }
    }

    /**
     * The "done when": a client drops mid-stream, updates keep coming, it reconnects with the Last-Event-ID
     * it had, and across both connections it has seen every update exactly once.
     */
    @Test
    void reconnectingWithLastEventIdMissesNothingAndRepeatsNothing() throws Exception {
        String ceremony = uniqueCeremony("sse-resume");
        producer.send(history(ceremony, EPOCH, 3));
        awaitSeq(ceremony, 3);

        List<Long> seen = new ArrayList<>();
        String lastEventId;
        try (SseClient first = sse("/sse?ceremony=" + ceremony)) {
            assertEquals(3, first.awaitEvent("snapshot").json().path("seq").asLong());
            // The connection drops right after seq 8, while 9..20 are on their way.
            first.dropAfter(e -> e.id().equals(ceremony + ":" + EPOCH + ":8"));
            producer.send(updates(ceremony, 4, 20));
            first.awaitEnded();
            seen.addAll(first.updateSeqs());
            lastEventId = first.lastEventId();
        }
        assertEquals(LongStream.rangeClosed(4, 8).boxed().toList(), seen);
        assertEquals(ceremony + ":" + EPOCH + ":8", lastEventId);
        producer.send(updates(ceremony, 21, 25)); // published while disconnected
        awaitSeq(ceremony, 25);

        try (SseClient second = sse("/sse?ceremony=" + ceremony, "Last-Event-ID", lastEventId)) {
            long lastSeen = seen.get(seen.size() - 1);
            SseClient.Event resumed = second.awaitEvent("resumed");
            assertEquals(lastSeen + 1, resumed.json().path("fromSeq").asLong());
            producer.send(updates(ceremony, 26, 27)); // and live ones after the replay
            seen.addAll(second.awaitUpdatesThrough(27));
            assertEquals("resumed", second.types().get(0), "no snapshot on a resume: " + second.types());
        }
        assertEquals(LongStream.rangeClosed(4, 27).boxed().toList(), seen, "every update once, in order");
    }

    @Test
    void resumesFromTheQueryParameterWhenTheClientCannotSetHeaders() throws Exception {
        String ceremony = uniqueCeremony("sse-param");
        producer.send(history(ceremony, EPOCH, 6));
        awaitSeq(ceremony, 6);
        try (SseClient client = sse("/sse?ceremony=" + ceremony + "&lastEventId=" + ceremony + ":" + EPOCH + ":4")) {
            assertEquals(5, client.awaitEvent("resumed").json().path("fromSeq").asLong());
            assertEquals(List.of(5L, 6L), client.awaitUpdatesThrough(6));
        }
        // The header wins: a reconnecting EventSource keeps its URL and sends its newer position in the header.
        try (SseClient client = sse("/sse?ceremony=" + ceremony + "&lastEventId=" + ceremony + ":" + EPOCH + ":1",
                "Last-Event-ID", ceremony + ":" + EPOCH + ":6")) {
            assertEquals(7, client.awaitEvent("resumed").json().path("fromSeq").asLong());
            producer.send(updates(ceremony, 7, 7));
            assertEquals(List.of(7L), client.awaitUpdatesThrough(7));
        }
    }

    @Test
    void anUnusableLastEventIdGetsAResetAndAFreshSnapshotNeverAHang() throws Exception {
        String ceremony = uniqueCeremony("sse-reset");
        producer.send(history(ceremony, EPOCH, RESUME_BUFFER + 10));
        awaitSeq(ceremony, RESUME_BUFFER + 10);
        String current = ceremony + ":" + EPOCH + ":" + (RESUME_BUFFER + 10);

        assertReset(ceremony, "not-a-position", "not a position");
        assertReset(ceremony, ceremony + ":" + EPOCH + ":2", "too old");
        assertReset(ceremony, ceremony + ":999:3", "epoch 999");
        assertReset(ceremony, ceremony + ":" + EPOCH + ":5000", "ahead");
        assertReset(ceremony, "another-ceremony:" + EPOCH + ":3", "another-ceremony");
        // and the snapshot's id is a good resume point
        try (SseClient client = sse("/sse?ceremony=" + ceremony, "Last-Event-ID", current)) {
            client.awaitEvent("resumed");
        }
    }

    @Test
    void aNewEpochMidStreamGetsAResetAndTheNewSnapshot() throws Exception {
        String ceremony = uniqueCeremony("sse-epoch");
        producer.send(history(ceremony, EPOCH, 2));
        awaitSeq(ceremony, 2);
        try (SseClient client = sse("/sse?ceremony=" + ceremony)) {
            client.awaitEvent("snapshot");
            producer.send(defined(ceremony, EPOCH + 1, 1));
            SseClient.Event fresh = client.awaitEvent(e -> e.type().equals("snapshot")
                    && e.id().equals(ceremony + ":" + (EPOCH + 1) + ":1"));
            assertEquals(List.of("snapshot", "reset", "snapshot"), client.types());
            assertTrue(client.events().get(1).json().path("reason").asText().contains("reset"));
            assertEquals(EPOCH + 1, fresh.json().path("epoch").asLong());
        }
    }

    @Test
    void alertsOnlyGetsAlertsAndTheirWithdrawalsOnly() throws Exception {
        String ceremony = uniqueCeremony("sse-alerts");
        producer.send(history(ceremony, EPOCH, 4)); // an alert at 4
        awaitSeq(ceremony, 4);
        try (SseClient client = sse("/sse?ceremony=" + ceremony + "&alertsOnly=true")) {
            SseClient.Event snapshot = client.awaitEvent("snapshot");
            assertTrue(snapshot.json().path("state").path("definition").isNull());
            assertEquals(0, snapshot.json().path("state").path("winners").size());
            assertEquals(1, snapshot.json().path("state").path("alerts").size());

            producer.send(winner(ceremony, EPOCH, 5, PICTURE, MOONLIGHT, MOONLIGHT), tally(ceremony, EPOCH, 6,
                    MOONLIGHT, 2), alert(ceremony, EPOCH, 7, PICTURE, MOONLIGHT), alertWithdrawn(ceremony, EPOCH, 8, 4));
            assertEquals(List.of(7L, 8L), client.awaitUpdatesThrough(8));
            assertEquals(ceremony + ":" + EPOCH + ":8", client.lastEventId());
        }
        // A filtered resume is filtered too: seq jumps over what the filter leaves out.
        try (SseClient client = sse("/sse?ceremony=" + ceremony + "&alertsOnly=true",
                "Last-Event-ID", ceremony + ":" + EPOCH + ":4")) {
            client.awaitEvent("resumed");
            assertEquals(List.of(7L, 8L), client.awaitUpdatesThrough(8));
        }
    }

    @Test
    void categoriesAndWorksAreRepeatedParameters() throws Exception {
        String ceremony = uniqueCeremony("sse-filter");
        producer.send(defined(ceremony, EPOCH, 1));
        awaitSeq(ceremony, 1);
        String picture = URLEncoder.encode(PICTURE, StandardCharsets.UTF_8);
        try (SseClient client = sse("/sse?ceremony=" + ceremony + "&categories=" + picture + "&categories=Other")) {
            client.awaitEvent("snapshot");
            producer.send(winner(ceremony, EPOCH, 2, Fixtures.DIRECTOR, "Barry Jenkins", MOONLIGHT),
                    winner(ceremony, EPOCH, 3, PICTURE, MOONLIGHT, MOONLIGHT));
            assertEquals(List.of(3L), client.awaitUpdatesThrough(3));
        }
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        assertBadParam("/sse", "ceremony");
        assertBadParam("/sse?ceremony=x&alertsOnly=maybe", "alertsOnly");
        assertBadParam("/sse?ceremony=x&alertsonly=true", "alertsonly");
        assertBadParam("/sse?ceremony=x&works=", "works");
        assertBadParam("/sse?ceremony=a&ceremony=b", "ceremony");
    }

    @Test
    void keepAliveCommentsArriveOnAnIdleStream() throws Exception {
        String ceremony = uniqueCeremony("sse-keepalive");
        try (SseClient client = sse("/sse?ceremony=" + ceremony)) {
            assertEquals(0, client.awaitEvent("snapshot").json().path("seq").asLong());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().stream()
                    .filter("keep-alive"::equals).count() >= 3);
            assertEquals(List.of("snapshot"), client.types(), "comments are no events");
        }
    }

    @Test
    void sseClientsAreCountedInMetricsByTransport() throws Exception {
        String ceremony = uniqueCeremony("sse-metrics");
        try (SseClient client = sse("/sse?ceremony=" + ceremony)) {
            client.awaitEvent("snapshot");
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("ticker_gateway_clients{transport=\"sse\"")
                    >= 1);
            assertTrue(metric("ticker_gateway_frames_sent_total{transport=\"sse\"") >= 1);
        }
        try (SseClient client = sse("/sse?ceremony=" + ceremony, "Last-Event-ID", "nonsense")) {
            client.awaitEvent("snapshot");
            assertTrue(metric("ticker_gateway_resume_total{result=\"reset\",transport=\"sse\"") >= 1);
        }
    }

    @Test
    void shutdownEndsStreamsSoClientsReconnectElsewhere() throws Exception {
        GatewayService leaving = GatewayService.start(vertx, config).await(10, TimeUnit.SECONDS);
        try (SseClient client = SseClient.connect(vertx, leaving.port(), "/sse?ceremony=" + uniqueCeremony("bye"))) {
            client.awaitEvent("snapshot");
            leaving.close().await(10, TimeUnit.SECONDS);
            client.awaitEnded();
            assertTrue(client.comments().stream().anyMatch(c -> c.contains("reconnect")), client.comments().toString());
        } finally {
            leaving.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withTokensRequiredAStreamNeedsOne() throws Exception {
        GatewayService guarded = GatewayService.start(vertx, config.withJwtSecret(Tokens.SECRET))
                .await(10, TimeUnit.SECONDS);
        String ceremony = uniqueCeremony("sse-auth");
        try {
            try (SseClient anonymous = SseClient.connect(vertx, guarded.port(), "/sse?ceremony=" + ceremony)) {
                assertEquals(401, anonymous.status());
                anonymous.awaitEnded();
                assertTrue(anonymous.body().contains("token"), anonymous.body());
            }
            String other = Tokens.forCeremonies("[\"someone-else\"]");
            try (SseClient forbidden = SseClient.connect(vertx, guarded.port(), "/sse?ceremony=" + ceremony,
                    "Authorization", "Bearer " + other)) {
                assertEquals(403, forbidden.status());
            }
            String token = Tokens.forCeremonies("[\"" + ceremony + "\"]");
            try (SseClient allowed = SseClient.connect(vertx, guarded.port(),
                    "/sse?ceremony=" + ceremony + "&token=" + token)) {
                assertEquals(200, allowed.status());
                allowed.awaitEvent("snapshot");
            }
        } finally {
            guarded.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pagesOfOtherOriginsMayReadTheStreamOnlyWhereTheGatewayAllowsThem() throws Exception {
        String ceremony = uniqueCeremony("sse-cors");
        // Any origin by default: a newsroom page elsewhere can read the public feed.
        try (SseClient anyOrigin = sse("/sse?ceremony=" + ceremony, "Origin", "https://news.example.com")) {
            assertEquals(200, anyOrigin.status());
            assertEquals("*", anyOrigin.header("Access-Control-Allow-Origin"));
            anyOrigin.awaitEvent("snapshot");
        }
        GatewayService listed = GatewayService.start(vertx, config.withAllowedOrigins(List.of("https://news.example.com")))
                .await(10, TimeUnit.SECONDS);
        try {
            try (SseClient allowed = SseClient.connect(vertx, listed.port(), "/sse?ceremony=" + ceremony,
                    "Origin", "https://news.example.com")) {
                assertEquals(200, allowed.status());
                assertEquals("https://news.example.com", allowed.header("Access-Control-Allow-Origin"));
                assertEquals("Origin", allowed.header("Vary"));
                allowed.awaitEvent("snapshot");
            }
            try (SseClient refused = SseClient.connect(vertx, listed.port(), "/sse?ceremony=" + ceremony,
                    "Origin", "https://elsewhere.example")) {
                assertEquals(403, refused.status());
                refused.awaitEnded();
                assertTrue(refused.body().contains("GATEWAY_ALLOWED_ORIGINS"), refused.body());
                assertNull(refused.header("Access-Control-Allow-Origin"));
            }
            try (SseClient program = SseClient.connect(vertx, listed.port(), "/sse?ceremony=" + ceremony)) {
                assertEquals(200, program.status(), "no Origin: not a browser page, nothing to refuse");
                assertNull(program.header("Access-Control-Allow-Origin"));
                program.awaitEvent("snapshot");
            }
            java.net.http.HttpResponse<Void> preflight = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + listed.port() + "/sse"))
                            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "https://news.example.com")
                            .header("Access-Control-Request-Method", "GET")
                            .header("Access-Control-Request-Headers", "authorization").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertEquals(204, preflight.statusCode());
            assertEquals("https://news.example.com", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        } finally {
            listed.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void assertReset(String ceremony, String lastEventId, String reasonPart) throws Exception {
        try (SseClient client = sse("/sse?ceremony=" + ceremony, "Last-Event-ID", lastEventId)) {
            SseClient.Event snapshot = client.awaitEvent("snapshot");
            assertEquals(List.of("reset", "snapshot"), client.types().subList(0, 2));
            SseClient.Event reset = client.events().get(0);
            assertNull(reset.id(), "a reset does not move the client's position");
            assertTrue(reset.json().path("reason").asText().contains(reasonPart), reset.data());
            assertEquals(RESUME_BUFFER + 10, snapshot.json().path("seq").asLong());
            assertEquals(ceremony + ":" + EPOCH + ":" + (RESUME_BUFFER + 10), snapshot.id());
        }
    }

    private static void assertBadParam(String uri, String param) throws Exception {
        try (SseClient client = sse(uri)) {
            assertEquals(400, client.status(), uri);
            client.awaitEnded();
            JsonNode error = Http.get(gateway.port(), uri).json();
            assertEquals(param, error.path("param").asText(), error.toString());
            assertTrue(error.path("error").asText().contains(param), error.toString());
        }
    }

    /** Updates {@code from..to} of a ceremony whose history so far came from {@link Fixtures#history}. */
    private static List<CeremonyUpdate> updates(String ceremony, long from, long to) {
        return history(ceremony, EPOCH, (int) to).subList((int) from - 1, (int) to);
    }

    private static SseClient sse(String uri, String... headers) throws Exception {
        return SseClient.connect(vertx, gateway.port(), uri, headers);
    }

    private static double metric(String prefix) {
        String scrape = Http.get(gateway.port(), "/metrics").body();
        return scrape.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitSeq(String ceremony, long seq) {
        Http.awaitSeq(gateway.port(), ceremony, seq);
    }
}
