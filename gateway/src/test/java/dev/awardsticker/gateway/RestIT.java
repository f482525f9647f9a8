package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.LA_LA_LAND;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.alertWithdrawn;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.winner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ceremonies' REST views over real HTTP, from a real broker: ETag and 304, leaderboard, alert history, 404. */
@ExtendWith(KafkaBrokerExtension.class)
class RestIT {
    private static final long EPOCH = 17;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0))
                .await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void everyCeremonyViewHasAnETagFromEpochAndSeqAndAnswers304UntilItChanges() {
        String ceremony = uniqueCeremony("etag");
        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT));
        awaitSeq(ceremony, 2);

        for (String path : List.of("", "/tallies", "/leaderboard", "/alerts")) {
            String uri = "/api/ceremonies/" + ceremony + path;
            Http.Response first = Http.get(gateway.port(), uri);
            assertEquals(200, first.status(), uri);
            assertEquals("W/\"" + EPOCH + "-2\"", first.header("ETag"), uri);
            assertEquals("no-cache", first.header("Cache-Control"), uri);
            assertEquals(2, first.json().path("seq").asLong(), uri);
            assertEquals(EPOCH, first.json().path("epoch").asLong(), uri);

            Http.Response again = Http.get(gateway.port(), uri, "If-None-Match", first.header("ETag"));
            assertEquals(304, again.status(), uri);
            assertEquals("", again.body(), uri);
            assertEquals(first.header("ETag"), again.header("ETag"), uri);
            // Weak comparison, and any tag of a list.
            assertEquals(304, Http.get(gateway.port(), uri, "If-None-Match", "\"x\", \"" + EPOCH + "-2\"").status());
            assertEquals(304, Http.get(gateway.port(), uri, "If-None-Match", "*").status());
        }

        String etag = Http.get(gateway.port(), "/api/ceremonies/" + ceremony).header("ETag");
        producer.send(tally(ceremony, EPOCH, 3, MOONLIGHT, 1));
        awaitSeq(ceremony, 3);
        Http.Response changed = Http.get(gateway.port(), "/api/ceremonies/" + ceremony, "If-None-Match", etag);
        assertEquals(200, changed.status());
        assertEquals("W/\"" + EPOCH + "-3\"", changed.header("ETag"));
        assertEquals(1, changed.json().path("state").path("tallies").size());
        Http.Response tallies = Http.get(gateway.port(), "/api/ceremonies/" + ceremony + "/tallies");
        assertEquals(MOONLIGHT, tallies.json().path("tallies").get(0).path("name").asText());
        assertEquals(1, tallies.json().path("tallies").get(0).path("wins").asInt());
    }

    @Test
    void theListCarriesIdTitleEpochSeqAndAnETagThatMovesWithAnyCeremony() {
        String ceremony = uniqueCeremony("list");
        producer.send(defined(ceremony, EPOCH, 1));
        awaitSeq(ceremony, 1);
        Http.Response list = Http.get(gateway.port(), "/api/ceremonies");
        assertEquals(200, list.status());
        JsonNode entry = null;
        for (JsonNode candidate : list.json()) {
            entry = ceremony.equals(candidate.path("id").asText()) ? candidate : entry;
        }
        assertTrue(entry != null, list.body());
        assertEquals("Test Awards " + ceremony, entry.path("title").asText());
        assertEquals(EPOCH, entry.path("epoch").asLong());
        assertEquals(1, entry.path("seq").asLong());
        String etag = list.header("ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        assertEquals(304, Http.get(gateway.port(), "/api/ceremonies", "If-None-Match", etag).status());

        producer.send(winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT));
        awaitSeq(ceremony, 2);
        Http.Response moved = Http.get(gateway.port(), "/api/ceremonies", "If-None-Match", etag);
        assertEquals(200, moved.status());
        assertNotEquals(etag, moved.header("ETag"));
    }

    /**
     * The standing is the Streams app's (merged from its LeaderboardChanged deltas), listed by rank, then
     * nominations, then name: the gateway does not rank again.
     */
    @Test
    void leaderboardIsTheStandingStreamsRanksMergedFromItsDeltas() {
        String ceremony = uniqueCeremony("leaderboard");
        producer.send(definitionEvent(ceremony, EPOCH, 1));
        awaitSeq(ceremony, 1);
        JsonNode before = Http.get(gateway.port(), "/api/ceremonies/" + ceremony + "/leaderboard").json();
        assertEquals(0, before.path("decided").asInt());
        assertEquals(2, before.path("total").asInt());
        assertEquals(List.of(PICTURE, DIRECTOR), strings(before.path("remaining")));
        assertEquals(List.of("1 Moonlight 0/2", "1 La La Land 0/1", "1 Lion 0/1"), rows(before));

        producer.send(moonlightWinsPicture(ceremony, EPOCH, 2));
        awaitSeq(ceremony, 2);
        JsonNode after = Http.get(gateway.port(), "/api/ceremonies/" + ceremony + "/leaderboard").json();
        assertEquals(1, after.path("decided").asInt());
        assertEquals(List.of(DIRECTOR), strings(after.path("remaining")));
        assertEquals(List.of("1 Moonlight 1/2", "2 La La Land 0/1", "2 Lion 0/1"), rows(after));

        producer.send(chazelleWinsDirector(ceremony, EPOCH, 3));
        awaitSeq(ceremony, 3);
        JsonNode last = Http.get(gateway.port(), "/api/ceremonies/" + ceremony + "/leaderboard").json();
        assertEquals(2, last.path("decided").asInt());
        assertEquals(3, last.path("seq").asLong());
        assertEquals(List.of("1 Moonlight 1/2", "1 La La Land 1/1", "3 Lion 0/1"), rows(last),
                "equal wins share a rank; more nominations list first");
    }

    @Test
    void alertHistoryKeepsWithdrawnAlertsFlaggedWithTheReason() {
        String ceremony = uniqueCeremony("alerts");
        producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                alert(ceremony, EPOCH, 3, DIRECTOR, LA_LA_LAND), alertWithdrawn(ceremony, EPOCH, 4, 2));
        awaitSeq(ceremony, 4);
        JsonNode alerts = Http.get(gateway.port(), "/api/ceremonies/" + ceremony + "/alerts").json();
        assertEquals(4, alerts.path("seq").asLong());
        assertEquals(2, alerts.path("alerts").size());
        JsonNode withdrawn = alerts.path("alerts").get(0);
        assertEquals("alert-2", withdrawn.path("alertId").asText());
        assertTrue(withdrawn.path("withdrawn").asBoolean());
        assertEquals("no longer true: the win was corrected", withdrawn.path("withdrawnReason").asText());
        JsonNode standing = alerts.path("alerts").get(1);
        assertEquals("alert-3", standing.path("alertId").asText());
        assertFalse(standing.path("withdrawn").asBoolean());
        assertTrue(standing.path("withdrawnReason").isNull());
    }

    @Test
    void anUnknownCeremonyIs404NamingIt() {
        for (String path : List.of("", "/tallies", "/leaderboard", "/alerts")) {
            Http.Response unknown = Http.get(gateway.port(), "/api/ceremonies/no-such-ceremony" + path);
            assertEquals(404, unknown.status(), path);
            assertTrue(unknown.header("Content-Type").startsWith("application/json"), path);
            assertTrue(unknown.json().path("error").asText().contains("no-such-ceremony"), unknown.body());
        }
    }

    @Test
    void whileCatchingUpTheViewsAre503WithRetryAfter() throws Exception {
        GatewayService orphan = GatewayService.start(vertx, GatewayConfig.of("127.0.0.1:1", 0))
                .await(10, TimeUnit.SECONDS);
        try {
            for (String uri : List.of("/api/ceremonies", "/api/ceremonies/any", "/api/ceremonies/any/leaderboard")) {
                Http.Response response = Http.get(orphan.port(), uri);
                assertEquals(503, response.status(), uri);
                assertEquals("1", response.header("Retry-After"), uri);
                assertTrue(response.json().path("error").asText().contains("catching up"), response.body());
            }
        } finally {
            orphan.close().await(15, TimeUnit.SECONDS);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static List<String> rows(JsonNode leaderboard) {
        List<String> rows = new ArrayList<>();
        for (JsonNode work : leaderboard.path("works")) {
            rows.add(work.path("rank").asInt() + " " + work.path("work").asText() + " " + work.path("wins").asInt()
                    + "/" + work.path("nominations").asInt());
        }
        return rows;
    }

    private static void awaitSeq(String ceremony, long seq) {
        Http.awaitSeq(gateway.port(), ceremony, seq);
    }
}
