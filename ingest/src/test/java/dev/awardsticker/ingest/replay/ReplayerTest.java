package dev.awardsticker.ingest.replay;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.AnnouncedCorrection;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replayer against a scripted stand-in for ingest: what it sends, retries and reports. */
class ReplayerTest {
    private static final CeremonyImport CEREMONY = new CeremonyImport(
            new CeremonyDefinition("mini-1", "mini", "Mini Awards", 1, LocalDate.of(2020, 1, 1), null, List.of(
                    new Category("Best Film", List.of(new Nominee("A", "A", null, null), new Nominee("B", "B", null, null))),
                    new Category("Best Song", List.of(new Nominee("S", "A", null, null), new Nominee("T", "B", null, null))))),
            List.of(new AnnouncedWin(1, "Best Song", "S", null), new AnnouncedWin(2, "Best Song", "T", null),
                    new AnnouncedWin(3, "Best Film", "A", "21:00")));

    private Vertx vertx;
    private final List<JsonObject> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void postsRecordsDefinitionThenWinsInOrderRetrying503WithTheSameEventId() throws Exception {
        int[] winCalls = {0};
        ReplaySummary summary = replay(body -> {
            if (!body.containsKey("eventId")) {
                return 202;
            }
            winCalls[0]++;
            return switch (winCalls[0]) {
                case 1 -> 503;  // Kafka hiccup: retried with the same eventId
                case 3 -> 422;  // reported, not retried
                default -> 202;
            };
        }, List.of(new RecordReference("mini", RecordReference.MOST_WINS, 2, null, "test")));

        List<String> eventIds = received.stream().filter(b -> b.containsKey("eventId"))
                .map(b -> b.getString("eventId")).toList();
        assertEquals(List.of("mini-1:win:01", "mini-1:win:01", "mini-1:win:02", "mini-1:win:03"), eventIds);
        // The second winner of a category is posted as a tie.
        assertEquals(List.of(false, false, true, false), received.stream().filter(b -> b.containsKey("eventId"))
                .map(b -> b.getBoolean("tie")).toList());
        assertEquals(2, summary.winsPosted());
        assertEquals(3, summary.submitLatenciesMs().size());
        assertEquals(List.of(new ReplaySummary.Failure("mini-1:win:02", 422, "scripted 422")), summary.failures());

        assertTrue(lines.get(0).startsWith("records: 1 reference records -> 202 ("), lines.toString());
        assertTrue(lines.get(1).startsWith("definition mini-1: 2 categories -> 202 ACCEPTED seq=1 ("), lines.toString());
        assertEquals(new ReplaySummary.Defined("mini-1", 202, "ACCEPTED", 1L), summary.definition());
        String arrow = java.util.regex.Pattern.quote(Replayer.ARROW);
        assertTrue(lines.get(2).matches("\\[1/3\\] Best Song " + arrow + " S \\(A\\): ingest http://127.0.0.1:\\d+"
                + " answered 503 \\(scripted 503\\); retrying in 0.0 s \\(attempt 2 of 3\\)"), lines.get(2));
        assertTrue(lines.get(3).matches("\\[1/3\\] Best Song " + arrow + " S \\(A\\)  202 ACCEPTED  \\d+ ms"), lines.get(3));
        assertTrue(lines.get(4).matches("\\[2/3\\] Best Song " + arrow + " T \\(B\\) \\(tie\\)  422  \\d+ ms: scripted 422"),
                lines.get(4));
        assertTrue(lines.get(5).matches("\\[3/3\\] Best Film " + arrow + " A  202 ACCEPTED  \\d+ ms"), lines.get(5));
        assertEquals("replayed mini-1: 2 of 3 events posted, 1 failures", lines.get(6));
    }

    @Test
    void givesUpAfterMaxAttemptsAndPostsNoWinsWithoutADefinition() throws Exception {
        ReplaySummary summary = replay(body -> 503, List.of());
        assertEquals(3, received.size(), "three attempts at the definition, then no wins");
        assertEquals(0, summary.winsPosted());
        assertEquals(List.of(new ReplaySummary.Failure("definition mini-1", 503, "scripted 503")), summary.failures());
        assertEquals(new ReplaySummary.Defined("mini-1", 503, null, null), summary.definition());
        assertEquals("not posting wins: the definition of mini-1 was not accepted", lines.get(lines.size() - 1));
    }

    @Test
    void reportsWhenIngestCannotBeReached() throws Exception {
        Replayer replayer = new Replayer(vertx, "http://127.0.0.1:1", "token", 1, lines::add);
        ReplaySummary summary = replayer.replay(CEREMONY, List.of(), Duration.ZERO).await(10, TimeUnit.SECONDS);
        assertEquals(0, summary.failures().get(0).status());
        assertEquals("definition mini-1: 2 categories: ingest http://127.0.0.1:1 unreachable (connection refused);"
                + " giving up after 1 attempt in 0.0 s", lines.get(0).replaceAll("in \\d\\.\\d s$", "in 0.0 s"));
        assertTrue(lines.get(1).startsWith("definition mini-1: 2 categories -> no answer ("), lines.get(1));
        assertEquals(List.of("http://127.0.0.1:1"), summary.abandoned().urlsTried());
    }

    @Test
    void postsACorrectionToTheCorrectionsRouteRightAfterTheWinItCorrects() throws Exception {
        CeremonyImport corrected = new CeremonyImport(CEREMONY.definition(),
                List.of(new AnnouncedWin(1, "Best Film", "B", "23:59"), new AnnouncedWin(2, "Best Song", "S", null)),
                List.of(new AnnouncedCorrection(1, "Best Film", "B", "A", "wrong envelope", "00:03")));
        List<String> paths = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            paths.add(request.path());
            received.add(buffer.toString().startsWith("[") ? new JsonObject() : buffer.toJsonObject());
            request.response().setStatusCode(202).end("{\"status\":\"ACCEPTED\",\"firstSeq\":" + paths.size() + "}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + server.actualPort(), "token", 1, lines::add);
        ReplaySummary summary = replayer.replay(corrected, List.of(), Duration.ZERO).await(10, TimeUnit.SECONDS);

        assertEquals(List.of("/ceremonies", "/ceremonies/mini-1/wins", "/ceremonies/mini-1/corrections",
                "/ceremonies/mini-1/wins"), paths);
        JsonObject correction = received.get(2);
        assertEquals("mini-1:correction:01", correction.getString("eventId"));
        assertEquals("B", correction.getString("nominee"));
        assertEquals("A", correction.getString("correctNominee"));
        assertEquals("wrong envelope", correction.getString("reason"));
        assertEquals(false, received.get(3).getBoolean("tie"), "another category's win is no tie");
        assertEquals(2, summary.winsPosted());
        assertEquals(1, summary.corrections());
        assertEquals(3, summary.withVerdict("ACCEPTED"));
        assertTrue(lines.get(2).startsWith("[2/3] Best Film CORRECTED: B " + Replayer.ARROW + " A  202 ACCEPTED seq=3  "),
                lines.get(2));
    }

    @Test
    void failsOverToTheNextIngestWithTheSameEventIdAndStaysThere() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            received.add(buffer.toJsonObject());
            request.response().setStatusCode(202).end("{\"status\":\"ACCEPTED\",\"firstSeq\":" + received.size() + "}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String down = "http://127.0.0.1:1";
        String up = "http://127.0.0.1:" + server.actualPort();
        Replayer replayer = new Replayer(vertx, List.of(down, up), "token",
                RetryPolicy.retryFor(Duration.ofSeconds(30)), lines::add);
        ReplaySummary summary = replayer.replay(CEREMONY, List.of(), Duration.ZERO).await(10, TimeUnit.SECONDS);

        assertTrue(summary.succeeded(), summary.failures().toString());
        assertEquals(3, summary.withVerdict("ACCEPTED"));
        assertEquals(4, received.size(), "one definition and three wins, each once");
        assertTrue(lines.get(0).matches("definition mini-1: 2 categories: ingest " + down + " unreachable \\(connection"
                + " refused\\); retrying at " + up + " in 0\\.\\d s \\(waited \\d+\\.\\d s of 30 s\\)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("definition mini-1: 2 categories -> 202 ACCEPTED seq=1 ("), lines.get(1));
        assertEquals(6, lines.size(), "no more retries: the wins go where the definition was answered: " + lines);
        assertEquals(null, summary.abandoned());
    }

    @Test
    void givesUpAfterTheBudgetAndStopsThereNamingTheUrlsTried() throws Exception {
        int[] winCalls = {0};
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            received.add(body);
            boolean fail = body.containsKey("eventId") && ++winCalls[0] >= 2;  // the second win on: 503 for ever
            request.response().setStatusCode(fail ? 503 : 202)
                    .end(fail ? "{\"error\":\"Kafka is unavailable\"}" : "{\"status\":\"ACCEPTED\"}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String down = "http://127.0.0.1:1";
        String up = "http://127.0.0.1:" + server.actualPort();
        Replayer replayer = new Replayer(vertx, List.of(up, down), "token",
                RetryPolicy.retryFor(Duration.ofMillis(600)), lines::add);
        ReplaySummary summary = replayer.replay(CEREMONY, List.of(), Duration.ZERO).await(10, TimeUnit.SECONDS);

        ReplaySummary.Abandoned abandoned = summary.abandoned();
        assertEquals("mini-1:win:02", abandoned.what());
        assertEquals(List.of(up, down), abandoned.urlsTried());
        assertTrue(abandoned.attempts() >= 3, abandoned.toString());
        assertTrue(abandoned.waitedMs() >= 600, abandoned.toString());
        assertEquals(2, abandoned.notPosted(), "the second and third wins");
        assertEquals(List.of("mini-1:win:01"), summary.posted().stream().filter(ReplaySummary.Posted::ok)
                .map(ReplaySummary.Posted::eventId).toList());
        assertTrue(received.stream().filter(b -> b.containsKey("eventId"))
                .allMatch(b -> List.of("mini-1:win:01", "mini-1:win:02").contains(b.getString("eventId"))),
                "the same event id every time, and nothing after it: " + received);
        assertEquals(1, summary.failures().size());
        assertEquals("stopped mini-1: gave up on mini-1:win:02; 2 of 3 events not posted", lines.get(lines.size() - 1));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[2/3\\] .*: ingest " + up + " answered 503 \\(Kafka is"
                + " unavailable\\); retrying at " + down + " in \\d\\.\\d s \\(waited \\d\\.\\d s of 0\\.6 s\\)")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[2/3\\] .*\\); giving up after \\d+ attempts in \\d\\.\\d s")),
                lines.toString());
    }

    /** Replays against a server answering each body with the status {@code script} picks. */
    private ReplaySummary replay(Function<JsonObject, Integer> script, List<RecordReference> records) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            assertEquals("Bearer token", request.getHeader("Authorization"));
            JsonObject body = buffer.toString().startsWith("[") ? new JsonObject() : buffer.toJsonObject();
            received.add(body);
            int status = script.apply(body);
            request.response().setStatusCode(status).putHeader("Retry-After", "0")
                    .end(status != 202 ? new JsonObject().put("error", "scripted " + status).encode()
                            : body.containsKey("eventId") ? "{\"status\":\"ACCEPTED\"}"
                            : body.containsKey("categories") ? "{\"status\":\"ACCEPTED\",\"firstSeq\":1}" : "{}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + server.actualPort() + "/", "token", 3, lines::add);
        return replayer.replay(CEREMONY, records, Duration.ZERO).await(10, TimeUnit.SECONDS);
    }
}
