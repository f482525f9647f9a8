package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.LA_LA_LAND;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.winner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway against a real broker: Kafka in, WebSocket and HTTP out. */
@ExtendWith(KafkaBrokerExtension.class)
class GatewayIT {
    /** Small, so that "too old to resume" is easy to reach. */
    private static final int RESUME_BUFFER = 5;
    private static final long EPOCH = 7;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayConfig config;
    private static GatewayService gateway;

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        config = GatewayConfig.of(broker.bootstrapServers(), 0).withResumeBuffer(RESUME_BUFFER);
        gateway = start(config);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsSnapshotThenDeltasInSeqOrder() throws Exception {
        String ceremony = uniqueCeremony("order");
        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT));
        awaitSeq(gateway, ceremony, 2);

        try (TestClient client = TestClient.connect(vertx, gateway.port()).subscribe(ceremony);
             TestClient other = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            JsonNode snapshot = client.awaitFrame("snapshot");
            other.awaitFrame("snapshot");
            assertEquals(ceremony, snapshot.path("ceremony").asText());
            assertEquals(EPOCH, snapshot.path("epoch").asLong());
            assertEquals(2, snapshot.path("seq").asLong());
            assertEquals("Test Awards " + ceremony, snapshot.path("state").path("definition").path("title").asText());
            assertEquals(MOONLIGHT, snapshot.path("state").path("winners").get(0).path("nominee").asText());

            producer.send(tally(ceremony, EPOCH, 3, MOONLIGHT, 1), winner(ceremony, EPOCH, 4, DIRECTOR,
                    "Damien Chazelle", LA_LA_LAND), alert(ceremony, EPOCH, 5, PICTURE, MOONLIGHT));
            assertEquals(List.of(3L, 4L, 5L), client.awaitUpdatesThrough(5));
            assertEquals("snapshot", client.types().get(0));
            JsonNode last = client.frames().get(client.frames().size() - 1).path("update");
            assertEquals("RecordAlert", last.path("changes").path(0).path("type").asText());
            // Both got the same bytes: the frame is encoded once and shared.
            assertEquals(List.of(3L, 4L, 5L), other.awaitUpdatesThrough(5));
            assertEquals(client.frames().subList(1, 4), other.frames().subList(1, 4));
        }
    }

    /**
     * A definition and a win are each one frame per subscriber, whatever they change; an update applies whole, so
     * every subscriber's frame carries all of it.
     */
    @Test
    void aDefinitionAndAWinAreEachOneFramePerSubscriber() throws Exception {
        String ceremony = uniqueCeremony("one-frame");
        try (TestClient first = TestClient.connect(vertx, gateway.port()).subscribe(ceremony);
             TestClient second = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            first.awaitFrame("snapshot");
            second.awaitFrame("snapshot");
            producer.send(definitionEvent(ceremony, EPOCH, 1), moonlightWinsPicture(ceremony, EPOCH, 2));
            for (TestClient client : List.of(first, second)) {
                assertEquals(List.of(1L, 2L), client.awaitUpdatesThrough(2));
                client.send("{\"op\":\"ping\"}").awaitFrame("pong"); // nothing else was on its way
                assertEquals(List.of("snapshot", "update", "update", "pong"), client.types());
                assertEquals(List.of("CeremonyDefined", "LeaderboardChanged"), changeTypes(client, 1));
                assertEquals(List.of("WinnerDeclared", "TallyUpdated", "TallyUpdated", "LeaderboardChanged",
                        "RecordAlert", "RecordUpdated"), changeTypes(client, 2));
            }
            assertEquals(first.frames().subList(1, 3), second.frames().subList(1, 3));
        }
        try (TestClient late = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            JsonNode board = late.awaitFrame("snapshot").path("state").path("leaderboard");
            assertEquals(1, board.path("decided").asInt());
            assertEquals(2, board.path("total").asInt());
            assertEquals(DIRECTOR, board.path("remaining").path(0).asText());
            assertEquals(MOONLIGHT, board.path("works").path(0).path("work").asText());
            assertEquals(1, board.path("works").path(0).path("wins").asInt());
            assertEquals(3, board.path("works").size());
        }
    }

    /** A filtered subscriber gets an update with only the changes that pass, and nothing when none does. */
    @Test
    void aFilteredSubscriberGetsOnlyThePassingChangesOfAnUpdate() throws Exception {
        String ceremony = uniqueCeremony("filtered");
        producer.send(definitionEvent(ceremony, EPOCH, 1));
        awaitSeq(gateway, ceremony, 1);
        try (TestClient moonlight = TestClient.connect(vertx, gateway.port()).send("{\"op\":\"subscribe\","
                + "\"ceremony\":\"" + ceremony + "\",\"filter\":{\"works\":[\"" + MOONLIGHT + "\"]}}");
             TestClient alerts = TestClient.connect(vertx, gateway.port()).send("{\"op\":\"subscribe\","
                     + "\"ceremony\":\"" + ceremony + "\",\"filter\":{\"alertsOnly\":true}}")) {
            assertEquals(1, moonlight.awaitFrame("snapshot").path("state").path("leaderboard").path("works").size());
            assertTrue(alerts.awaitFrame("snapshot").path("state").path("leaderboard").isNull());

            producer.send(moonlightWinsPicture(ceremony, EPOCH, 2), chazelleWinsDirector(ceremony, EPOCH, 3),
                    alert(ceremony, EPOCH, 4, PICTURE, MOONLIGHT));
            assertEquals(List.of(2L, 4L), moonlight.awaitUpdatesThrough(4), "seq 3 has nothing of Moonlight");
            assertEquals(List.of("WinnerDeclared", "TallyUpdated", "LeaderboardChanged", "RecordAlert",
                    "RecordUpdated"), changeTypes(moonlight, 2));
            JsonNode board = update(moonlight, 2).path("changes").path(2);
            assertEquals(1, board.path("entries").size());
            assertEquals(MOONLIGHT, board.path("entries").path(0).path("work").asText());
            assertEquals(List.of(2L, 4L), alerts.awaitUpdatesThrough(4));
            assertEquals(List.of("RecordAlert", "RecordUpdated"), changeTypes(alerts, 2));
            JsonNode selected = update(alerts, 2);
            assertEquals("evt-2", selected.path("eventId").asText(), "position and cause stay");
            assertEquals(EPOCH, selected.path("epoch").asLong());
        }
    }

    @Test
    void unsubscribeStopsUpdates() throws Exception {
        String ceremony = uniqueCeremony("unsubscribe");
        try (TestClient leaving = TestClient.connect(vertx, gateway.port()).subscribe(ceremony);
             TestClient staying = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            leaving.awaitFrame("snapshot");
            staying.awaitFrame("snapshot");
            leaving.send("{\"op\":\"unsubscribe\",\"ceremony\":\"" + ceremony + "\"}");
            assertEquals(ceremony, leaving.awaitFrame("unsubscribed").path("ceremony").asText());

            producer.send(history(ceremony, EPOCH, 2));
            staying.awaitUpdatesThrough(2);
            leaving.send("{\"op\":\"ping\"}").awaitFrame("pong"); // anything sent before the pong has arrived
            assertEquals(List.of(), leaving.updateSeqs());
            leaving.send("{\"op\":\"unsubscribe\",\"ceremony\":\"" + ceremony + "\"}");
            assertTrue(leaving.awaitFrame("error").path("message").asText().contains("not subscribed"));
        }
    }

    @Test
    void updatesLargerThanOneFrameStillArrive() throws Exception {
        String ceremony = uniqueCeremony("large");
        List<Category> categories = IntStream.range(0, 60).mapToObj(i -> new Category("Category " + i,
                IntStream.range(0, 10).mapToObj(n -> new Nominee("Nominee " + n + " " + "n".repeat(150),
                        "Work " + n, List.of(), "Studio")).toList())).toList();
        CeremonyDefinition big = new CeremonyDefinition(ceremony, "oscars", "Big", 1, null, null, categories);
        try (TestClient client = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            client.awaitFrame("snapshot");
            producer.send(Fixtures.update(ceremony, EPOCH, 1, new CeremonyDefined(big)));
            assertEquals(List.of(1L), client.awaitUpdatesThrough(1));
            assertEquals(60, client.frames().get(1).path("update").path("changes").path(0).path("definition")
                    .path("categories").size());
        }
        try (TestClient late = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            assertEquals(60, late.awaitFrame("snapshot").path("state").path("definition").path("categories").size());
        }
    }

    @Test
    void subscribingBeforeTheCeremonyStartsGivesAnEmptySnapshot() throws Exception {
        String ceremony = uniqueCeremony("early");
        try (TestClient client = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            JsonNode snapshot = client.awaitFrame("snapshot");
            assertEquals(0, snapshot.path("seq").asLong());
            assertTrue(snapshot.path("state").path("definition").isNull());

            producer.send(history(ceremony, EPOCH, 2));
            assertEquals(List.of(1L, 2L), client.awaitUpdatesThrough(2));
        }
    }

    @Test
    void alertsOnlyFilterPassesOnlyRecordAlerts() throws Exception {
        String ceremony = uniqueCeremony("alerts");
        producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                tally(ceremony, EPOCH, 3, MOONLIGHT, 1));
        awaitSeq(gateway, ceremony, 3);

        try (TestClient client = TestClient.connect(vertx, gateway.port()).send("{\"op\":\"subscribe\",\"ceremony\":\""
                + ceremony + "\",\"filter\":{\"alertsOnly\":true}}")) {
            JsonNode state = client.awaitFrame("snapshot").path("state");
            assertTrue(state.path("definition").isNull());
            assertEquals(0, state.path("tallies").size());
            assertEquals(1, state.path("alerts").size());

            producer.send(winner(ceremony, EPOCH, 4, PICTURE, MOONLIGHT, MOONLIGHT),
                    alert(ceremony, EPOCH, 5, DIRECTOR, LA_LA_LAND), tally(ceremony, EPOCH, 6, MOONLIGHT, 2),
                    alert(ceremony, EPOCH, 7, PICTURE, MOONLIGHT));
            assertEquals(List.of(5L, 7L), client.awaitUpdatesThrough(7));
        }
    }

    /** The 89th Academy Awards' Best Picture, replayed: La La Land announced, Moonlight the winner. */
    @Test
    void correctionsReachSubscribersAndSnapshots() throws Exception {
        String ceremony = uniqueCeremony("corrections");
        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, LA_LA_LAND, LA_LA_LAND),
                alert(ceremony, EPOCH, 3, PICTURE, LA_LA_LAND));
        awaitSeq(gateway, ceremony, 3);

        try (TestClient everything = TestClient.connect(vertx, gateway.port()).subscribe(ceremony);
             TestClient alerts = TestClient.connect(vertx, gateway.port()).send("{\"op\":\"subscribe\","
                     + "\"ceremony\":\"" + ceremony + "\",\"filter\":{\"alertsOnly\":true}}")) {
            everything.awaitFrame("snapshot");
            alerts.awaitFrame("snapshot");
            // One correction, one update: the wrong winner out, the right one in, the alert it rested on down.
            producer.send(Fixtures.update(ceremony, EPOCH, 4,
                    new WinnerWithdrawn(PICTURE, LA_LA_LAND, LA_LA_LAND, "wrong envelope", "editor-2", 0, 2),
                    new WinnerDeclared(PICTURE, MOONLIGHT, MOONLIGHT, List.of(), "A24", false, "editor-2", 1, 2),
                    new AlertWithdrawn("alert-3", "headline 3", "no longer true: the win was corrected")));
            assertEquals(List.of(4L), everything.awaitUpdatesThrough(4));
            assertEquals(List.of("WinnerWithdrawn", "WinnerDeclared", "AlertWithdrawn"), changeTypes(everything, 4));
            assertEquals(List.of(4L), alerts.awaitUpdatesThrough(4), "alertsOnly includes the withdrawal");
            assertEquals(List.of("AlertWithdrawn"), changeTypes(alerts, 4));
        }

        JsonNode state = Http.get(gateway.port(), "/api/ceremonies/" + ceremony).json().path("state");
        assertEquals(1, state.path("winners").size());
        assertEquals(MOONLIGHT, state.path("winners").get(0).path("nominee").asText());
        JsonNode withdrawn = state.path("alerts").get(0);
        assertEquals("alert-3", withdrawn.path("alertId").asText(), "still listed, so screens show it was taken down");
        assertTrue(withdrawn.path("withdrawn").asBoolean());
        assertEquals("no longer true: the win was corrected", withdrawn.path("withdrawnReason").asText());
    }

    @Test
    void resumeAfterDisconnectGetsExactlyTheMissedUpdates() throws Exception {
        String ceremony = uniqueCeremony("resume");
        producer.send(history(ceremony, EPOCH, 3));
        awaitSeq(gateway, ceremony, 3);
        try (TestClient first = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            assertEquals(3, first.awaitFrame("snapshot").path("seq").asLong());
        }
        producer.send(history(ceremony, EPOCH, 6).subList(3, 6));
        awaitSeq(gateway, ceremony, 6);

        assertResumesFrom3(gateway, ceremony, 7);
    }

    @Test
    void resumeWorksTheSameOnASecondGatewayInstance() throws Exception {
        String ceremony = uniqueCeremony("failover");
        producer.send(history(ceremony, EPOCH, 3));
        awaitSeq(gateway, ceremony, 3);
        try (TestClient first = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            assertEquals(3, first.awaitFrame("snapshot").path("seq").asLong());
        }
        producer.send(history(ceremony, EPOCH, 6).subList(3, 6));

        GatewayService second = start(config);
        try {
            awaitSeq(second, ceremony, 6);
            assertResumesFrom3(second, ceremony, 7);
        } finally {
            second.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** A client that saw seq 3 resumes and gets 4..6 (missed), then {@code next} live; nothing else. */
    private static void assertResumesFrom3(GatewayService target, String ceremony, long next) throws Exception {
        try (TestClient client = TestClient.connect(vertx, target.port()).resume(ceremony, EPOCH, 3)) {
            JsonNode resumed = client.awaitFrame("resumed");
            assertEquals(4, resumed.path("fromSeq").asLong());
            assertEquals(List.of(4L, 5L, 6L), client.awaitUpdatesThrough(6));

            producer.send(history(ceremony, EPOCH, (int) next).subList((int) next - 1, (int) next));
            assertEquals(List.of(4L, 5L, 6L, next), client.awaitUpdatesThrough(next));
            assertEquals(List.of("resumed", "update", "update", "update", "update"), client.types());
        }
    }

    @Test
    void tooOldLastSeqGivesResetAndSnapshot() throws Exception {
        String ceremony = uniqueCeremony("too-old");
        producer.send(history(ceremony, EPOCH, RESUME_BUFFER + 3));
        awaitSeq(gateway, ceremony, RESUME_BUFFER + 3);

        try (TestClient client = TestClient.connect(vertx, gateway.port()).resume(ceremony, EPOCH, 1)) {
            JsonNode reset = client.awaitFrame("reset");
            assertTrue(reset.path("reason").asText().contains("too old"), reset.toString());
            assertEquals(RESUME_BUFFER + 3, client.awaitFrame("snapshot").path("seq").asLong());
            assertEquals(List.of("reset", "snapshot"), client.types());
        }
    }

    @Test
    void anotherEpochOrAFutureSeqGivesResetAndSnapshot() throws Exception {
        String ceremony = uniqueCeremony("epoch");
        producer.send(history(ceremony, EPOCH, 2));
        awaitSeq(gateway, ceremony, 2);

        try (TestClient otherEpoch = TestClient.connect(vertx, gateway.port()).resume(ceremony, EPOCH - 1, 2);
             TestClient ahead = TestClient.connect(vertx, gateway.port()).resume(ceremony, EPOCH, 9)) {
            assertTrue(otherEpoch.awaitFrame("reset").path("reason").asText().contains("epoch"));
            assertEquals(EPOCH, otherEpoch.awaitFrame("snapshot").path("epoch").asLong());
            assertTrue(ahead.awaitFrame("reset").path("reason").asText().contains("ahead"));
            assertEquals(2, ahead.awaitFrame("snapshot").path("seq").asLong());
        }
    }

    @Test
    void aNewEpochResetsSubscribedClients() throws Exception {
        String ceremony = uniqueCeremony("new-epoch");
        producer.send(history(ceremony, EPOCH, 2));
        try (TestClient client = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            awaitSeq(gateway, ceremony, 2);
            client.awaitFrame("snapshot");

            producer.send(defined(ceremony, EPOCH + 1, 1));
            JsonNode snapshot = client.awaitFrame(f -> "snapshot".equals(f.path("type").asText())
                    && f.path("epoch").asLong() == EPOCH + 1);
            assertEquals(1, snapshot.path("seq").asLong());
            assertTrue(client.types().contains("reset"));
        }
    }

    @Test
    void malformedFrameGetsAnErrorAndOtherClientsKeepTheirUpdates() throws Exception {
        String ceremony = uniqueCeremony("malformed");
        try (TestClient rude = TestClient.connect(vertx, gateway.port());
             TestClient polite = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            polite.awaitFrame("snapshot");
            rude.send("this is not json");
            assertTrue(rude.awaitFrame("error").path("message").asText().contains("not valid JSON"));
            rude.send("{\"op\":\"dance\"}");
            assertTrue(rude.awaitFrame(f -> f.path("message").asText().contains("unknown op \"dance\"")) != null);

            producer.send(history(ceremony, EPOCH, 2));
            assertEquals(List.of(1L, 2L), polite.awaitUpdatesThrough(2));
            rude.send("{\"op\":\"ping\"}");
            rude.awaitFrame("pong");
            assertTrue(!rude.isClosed());
        }
    }

    @Test
    void aRecordThatCannotBeReadIsSkippedAndTheFeedGoesOn() throws Exception {
        String broken = uniqueCeremony("broken");
        String fine = uniqueCeremony("fine");
        producer.sendRaw(broken, "{not json".getBytes(StandardCharsets.UTF_8));
        producer.send(history(fine, EPOCH, 2));
        awaitSeq(gateway, fine, 2);
        assertEquals(404, Http.get(gateway.port(), "/api/ceremonies/" + broken).status());
    }

    /** One frame over the limit: refused from its header by the decoder, never parsed, no error frame. */
    @Test
    void oversizedFrameClosesTheSocketWith1009AndIsNeverParsed() throws Exception {
        // A client that sends 70 KB as one frame (by default Vert.x's client would split it at 64 KiB).
        try (TestClient client = TestClient.connect(vertx, new WebSocketClientOptions().setMaxFrameSize(128 * 1024),
                new WebSocketConnectOptions().setPort(gateway.port()))) {
            client.socket().writeFrame(WebSocketFrame.textFrame("{\"op\":\"ping\",\"pad\":\""
                    + "x".repeat(70 * 1024) + "\"}", true));
            client.awaitClosed();
            assertEquals((short) 1009, client.closeCode());
            assertTrue(client.closeReason().contains("65536"), client.closeReason());
            assertEquals(List.of(), client.types(), "nothing was parsed, so nothing was answered");
        }
    }

    /** A message over the limit in several frames, each under it: refused before it is handed over or parsed. */
    @Test
    void oversizedMessageInSeveralFramesClosesTheSocketWith1009() throws Exception {
        try (TestClient client = TestClient.connect(vertx, gateway.port())) {
            String half = "x".repeat(40 * 1024);
            client.socket().writeFrame(WebSocketFrame.textFrame("{\"op\":\"ping\",\"pad\":\"" + half, false));
            client.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(half + "\"}"), true));
            client.awaitClosed();
            assertEquals((short) 1009, client.closeCode());
            assertTrue(client.closeReason().contains("65536"), client.closeReason());
            assertEquals(List.of(), client.types(), "nothing was parsed, so nothing was answered");
        }
        // What a default client makes of a 70 KB message: a 64 KiB frame and a continuation.
        try (TestClient client = TestClient.connect(vertx, gateway.port())) {
            client.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            client.awaitClosed();
            assertEquals((short) 1009, client.closeCode());
            assertEquals(List.of(), client.types());
        }
    }

    /** Every path nothing answers gets PROTOCOL.md's JSON error, naming it; dashboard files are still served. */
    @Test
    void unknownRoutesAnswerAJson404() {
        for (String path : List.of("/api/nope", "/api/ceremonies/x/nope", "/nope.html", "/ws/extra")) {
            Http.Response response = Http.get(gateway.port(), path);
            assertEquals(404, response.status(), path);
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                    path);
            assertTrue(response.json().path("error").asText().contains(path), response.body());
            assertEquals(path, response.json().path("path").asText());
        }
        assertEquals(200, Http.get(gateway.port(), "/app.js").status());
    }

    @Test
    void healthReadyAndCeremonyApi() {
        String ceremony = uniqueCeremony("api");
        producer.send(history(ceremony, EPOCH, 2));
        awaitSeq(gateway, ceremony, 2);

        Http.Response health = Http.get(gateway.port(), "/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        assertEquals(200, Http.get(gateway.port(), "/ready").status());

        JsonNode list = Http.get(gateway.port(), "/api/ceremonies").json();
        boolean listed = false;
        for (JsonNode entry : list) {
            listed |= ceremony.equals(entry.path("id").asText()) && entry.path("seq").asLong() == 2
                    && entry.path("epoch").asLong() == EPOCH && entry.path("title").asText().startsWith("Test Awards");
        }
        assertTrue(listed, list.toString());

        Http.Response unknown = Http.get(gateway.port(), "/api/ceremonies/no-such-ceremony");
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().path("error").asText().contains("no-such-ceremony"));

        Http.Response page = Http.get(gateway.port(), "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("aria-live=\"polite\""));
    }

    @Test
    void readyIs503WithAReasonWhileKafkaCannotBeReached() throws Exception {
        GatewayService orphan = start(GatewayConfig.of("127.0.0.1:1", 0));
        try {
            Http.Response ready = Http.get(orphan.port(), "/ready");
            assertEquals(503, ready.status());
            assertTrue(!ready.json().path("reason").asText().isBlank(), ready.body());
            assertEquals(200, Http.get(orphan.port(), "/health").status());
        } finally {
            orphan.close().await(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void shutdownClosesSocketsWith1001() throws Exception {
        GatewayService leaving = start(config);
        try (TestClient client = TestClient.connect(vertx, leaving.port())) {
            client.send("{\"op\":\"ping\"}").awaitFrame("pong");
            leaving.close().await(10, TimeUnit.SECONDS);
            client.awaitClosed();
            assertEquals((short) 1001, client.closeCode());
            assertTrue(client.closeReason().contains("reconnect"));
        }
    }

    /** What the process runs on SIGTERM ends cleanly: it used to wait out its timeout on a stopped event loop. */
    @Test
    void theProcessShutdownClosesTheGatewayAndVertxCleanly() throws Exception {
        Vertx own = Vertx.vertx();
        GatewayService leaving = GatewayService.start(own, config).await(10, TimeUnit.SECONDS);
        try (TestClient client = TestClient.connect(vertx, leaving.port())) {
            client.send("{\"op\":\"ping\"}").awaitFrame("pong");
            assertTrue(leaving.closeWithVertx(), "the gateway or Vert.x did not close in time");
            client.awaitClosed();
            assertEquals((short) 1001, client.closeCode());
        }
    }

    private static GatewayService start(GatewayConfig gatewayConfig) throws Exception {
        return GatewayService.start(vertx, gatewayConfig).await(10, TimeUnit.SECONDS);
    }

    private static void awaitSeq(GatewayService target, String ceremony, long seq) {
        Http.awaitSeq(target.port(), ceremony, seq);
    }

    /** The update frame of {@code seq} the client got. */
    private static JsonNode update(TestClient client, long seq) {
        return client.frames().stream().filter(f -> "update".equals(f.path("type").asText())
                && f.path("update").path("seq").asLong() == seq).findFirst().orElseThrow().path("update");
    }

    /** The types of the changes in the client's update {@code seq}, in order. */
    private static List<String> changeTypes(TestClient client, long seq) {
        List<String> types = new java.util.ArrayList<>();
        update(client, seq).path("changes").forEach(c -> types.add(c.path("type").asText()));
        return types;
    }
}
