package dev.awardsticker.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The editors' desk against the real arbiter: ingest answers every definition, win and correction with the
 * Streams app's verdict on it, consistently across concurrent submits, two ingest instances and a restart of
 * ingest. Each test has a ceremony of its own (GG74's definition under a fresh id), so the tests don't see each
 * other.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EditorsDeskIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EDITOR = "desk-editor";
    private static final String TOKEN = "desk-token-" + UUID.randomUUID();
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);

    private static KafkaBroker broker;
    private static Pipeline pipeline;
    private static WebClient client;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        broker = kafka;
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0, "desk-" + UUID.randomUUID(),
                EDITOR, TOKEN));
        client = WebClient.create(pipeline.vertx());
        awaitReady(pipeline.ingestUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void concurrentSubmitsOfOneEventToTwoInstancesAreAcceptedOnceAndAnsweredAsDuplicatesOtherwise() throws Exception {
        IngestService second = startIngest();
        try {
            String secondUrl = "http://127.0.0.1:" + second.port();
            awaitReady(secondUrl);
            // One definition sent to both instances at once: the ticker takes the first, the other changes nothing.
            CeremonyDefinition ceremony = newCeremony();
            Future<HttpResponse<Buffer>> one = post(pipeline.ingestUrl() + "/ceremonies", Json.text(ceremony));
            Future<HttpResponse<Buffer>> other = post(secondUrl + "/ceremonies", Json.text(ceremony));
            List<HttpResponse<Buffer>> definedTwice = List.of(join(one), join(other));
            assertEquals(List.of(200, 202), definedTwice.stream().map(HttpResponse::statusCode).sorted().toList(),
                    () -> describe(definedTwice));
            HttpResponse<Buffer> taken = definedTwice.stream().filter(a -> a.statusCode() == 202).findFirst()
                    .orElseThrow();
            assertStatus(202, "ACCEPTED", taken);
            assertEquals(1, body(taken).get("firstSeq").asLong(), taken.bodyAsString());
            assertStatus(200, "DUPLICATE", definedTwice.stream().filter(a -> a.statusCode() == 200).findFirst()
                    .orElseThrow());
            await().atMost(WAIT).until(() -> get(secondUrl + "/ceremonies/" + ceremony.id()).statusCode() == 200);
            Category category = ceremony.categories().get(0);
            String eventId = ceremony.id() + ":win:01";
            String win = winJson(eventId, category.name(), category.nominees().get(0).name(), false);

            int submits = 12;
            CyclicBarrier together = new CyclicBarrier(submits);
            ExecutorService threads = Executors.newFixedThreadPool(submits);
            List<java.util.concurrent.Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            try {
                for (int i = 0; i < submits; i++) {
                    String url = (i % 2 == 0 ? pipeline.ingestUrl() : secondUrl) + "/ceremonies/" + ceremony.id() + "/wins";
                    sent.add(threads.submit(() -> {
                        together.await();
                        return join(post(url, win));
                    }));
                }
                List<HttpResponse<Buffer>> answers = new ArrayList<>();
                for (var answer : sent) {
                    answers.add(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                }

                List<HttpResponse<Buffer>> accepted = answers.stream().filter(a -> a.statusCode() == 202).toList();
                assertEquals(1, accepted.size(), () -> "answers: " + describe(answers));
                JsonNode first = body(accepted.get(0));
                assertEquals("ACCEPTED", first.get("status").asText());
                long firstSeq = first.get("firstSeq").asLong();
                assertTrue(firstSeq > 0, first.toString());
                for (HttpResponse<Buffer> answer : answers) {
                    if (answer != accepted.get(0)) {
                        assertEquals(200, answer.statusCode(), answer.bodyAsString());
                        assertEquals("DUPLICATE", body(answer).get("status").asText());
                        assertEquals(firstSeq, body(answer).get("firstSeq").asLong(), answer.bodyAsString());
                    }
                }
            } finally {
                threads.shutdownNow();
            }

            // Updates commit with their verdicts, and every submit had its verdict: a second one would be there.
            Predicate<ConsumerRecord<String, byte[]>> declared = r -> r.key().equals(ceremony.id())
                    && !update(r).changesOf(WinnerDeclared.class).isEmpty() && eventId.equals(update(r).eventId());
            try (TopicProbe updates = TopicProbe.fromBeginning(broker, Topics.CEREMONY_UPDATES)) {
                updates.await(declared, 1, WAIT);
                List<ConsumerRecord<String, byte[]>> all = updates.drain(declared, Duration.ofMillis(500));
                assertEquals(1, all.size(), () -> "WinnerDeclared for " + eventId + ": " + all.size());
            }
        } finally {
            join(second.close());
        }
    }

    @Test
    void theSameDefinitionAgainIsUnchangedAndPublishesNothingWhileAFixIsTheNextUpdate() {
        CeremonyDefinition ceremony = define();
        HttpResponse<Buffer> again = join(post(pipeline.ingestUrl() + "/ceremonies", Json.text(ceremony)));
        assertStatus(200, "DUPLICATE", again);
        assertTrue(!body(again).has("firstSeq"), again.bodyAsString());
        assertTrue(body(again).get("message").asText().startsWith("Unchanged"), again.bodyAsString());

        // Seqs have no gaps: the fix being #2 says the identical definition published nothing.
        CeremonyDefinition fixed = new CeremonyDefinition(ceremony.id(), ceremony.award(), ceremony.title(),
                ceremony.edition(), ceremony.date(), ceremony.broadcaster() + " (re-aired)", ceremony.categories());
        HttpResponse<Buffer> fix = join(post(pipeline.ingestUrl() + "/ceremonies", Json.text(fixed)));
        assertStatus(202, "ACCEPTED", fix);
        assertEquals(2, body(fix).get("firstSeq").asLong(), fix.bodyAsString());
        try (TopicProbe updates = TopicProbe.fromBeginning(broker, Topics.CEREMONY_UPDATES)) {
            List<CeremonyUpdate> published = updates.await(r -> r.key().equals(ceremony.id()), 2, WAIT).stream()
                    .map(EditorsDeskIT::update).toList();
            assertEquals(List.of(ceremony, fixed), published.stream()
                    .map(u -> u.changesOf(CeremonyDefined.class).get(0).definition()).toList());
            assertEquals(List.of(1L, 2L), published.stream().map(CeremonyUpdate::seq).toList());
        }
    }

    @Test
    void theSameEventIdWithAnotherBodyIsAConflict() {
        CeremonyDefinition ceremony = define();
        Category category = ceremony.categories().get(1);
        String eventId = ceremony.id() + ":win:01";

        assertStatus(202, "ACCEPTED", postWin(ceremony, winJson(eventId, category.name(), nominee(category, 0), false)));
        HttpResponse<Buffer> other = postWin(ceremony, winJson(eventId, category.name(), nominee(category, 1), false));
        assertError(409, "eventId", other);
    }

    @Test
    void aSecondWinnerOfADecidedCategoryIsAConflictUnlessItIsATie() {
        CeremonyDefinition ceremony = define();
        Category category = ceremony.categories().get(2);
        String id = ceremony.id();

        assertStatus(202, "ACCEPTED", postWin(ceremony, winJson(id + ":win:01", category.name(), nominee(category, 0), false)));
        HttpResponse<Buffer> second = postWin(ceremony, winJson(id + ":win:02", category.name(), nominee(category, 1), false));
        assertError(409, "category", second);
        assertTrue(body(second).get("error").asText().contains("\"tie\": true"), second.bodyAsString());
        // The rejected event keeps its id: the tie is a new event.
        assertStatus(202, "ACCEPTED", postWin(ceremony, winJson(id + ":win:03", category.name(), nominee(category, 1), true)));
    }

    @Test
    void aRetryAfterIngestRestartedGetsTheOriginalResult() {
        CeremonyDefinition ceremony = define();
        Category category = ceremony.categories().get(3);
        String win = winJson(ceremony.id() + ":win:01", category.name(), nominee(category, 0), false);

        IngestService before = startIngest();
        String beforeUrl = "http://127.0.0.1:" + before.port();
        awaitReady(beforeUrl);
        HttpResponse<Buffer> first = join(post(beforeUrl + "/ceremonies/" + ceremony.id() + "/wins", win));
        join(before.close());
        assertStatus(202, "ACCEPTED", first);

        IngestService after = startIngest();
        try {
            String afterUrl = "http://127.0.0.1:" + after.port();
            awaitReady(afterUrl);
            HttpResponse<Buffer> retry = join(post(afterUrl + "/ceremonies/" + ceremony.id() + "/wins", win));
            assertStatus(200, "DUPLICATE", retry);
            assertEquals(body(first).get("firstSeq").asLong(), body(retry).get("firstSeq").asLong());
        } finally {
            join(after.close());
        }
    }

    @Test
    void aWrongWinnerIsCorrectedAndACorrectionOfANonWinnerIsAConflict() {
        CeremonyDefinition ceremony = define();
        Category category = ceremony.categories().get(4);
        String id = ceremony.id();
        assertStatus(202, "ACCEPTED", postWin(ceremony, winJson(id + ":win:01", category.name(), nominee(category, 0), false)));

        HttpResponse<Buffer> corrected = postCorrection(ceremony, Map.of("eventId", id + ":fix:01",
                "category", category.name(), "nominee", nominee(category, 0), "correctNominee", nominee(category, 1),
                "reason", "wrong envelope"));
        assertStatus(202, "ACCEPTED", corrected);

        // After the correction the first nominee is no winner any more.
        HttpResponse<Buffer> notAWinner = postCorrection(ceremony, Map.of("eventId", id + ":fix:02",
                "category", category.name(), "nominee", nominee(category, 0)));
        assertError(409, "nominee", notAWinner);
    }

    /**
     * Posts GG74's definition under a new id. The answer is the Streams app's verdict, written with the
     * definition's update: once ACCEPTED, wins can be judged against it.
     */
    private static CeremonyDefinition define() {
        CeremonyDefinition definition = newCeremony();
        HttpResponse<Buffer> defined = join(post(pipeline.ingestUrl() + "/ceremonies", Json.text(definition)));
        assertStatus(202, "ACCEPTED", defined);
        assertEquals(1, body(defined).get("firstSeq").asLong(), defined.bodyAsString());
        return definition;
    }

    /**
     * GG74's definition under a new id. Its award is new too: reference records are kept per award on a shared
     * topic, and a Damien Chazelle declared here must not become the "golden-globes" youngest Best Director that
     * GoldenGlobesPipelineIT's replay expects to beat.
     */
    private static CeremonyDefinition newCeremony() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        CeremonyDefinition gg74 = GG74.withCeremonyId("gg74-" + id).definition();
        return new CeremonyDefinition(gg74.id(), "desk-" + id, gg74.title(), gg74.edition(), gg74.date(),
                gg74.broadcaster(), gg74.categories());
    }

    private static IngestService startIngest() {
        return join(IngestService.start(pipeline.vertx(), new IngestConfig(pipeline.bootstrapServers(), "127.0.0.1", 0,
                Map.of(EDITOR, TOKEN), Duration.ofSeconds(5), 1024 * 1024)));
    }

    /** Ready includes reading verdicts: a win sent before that could only be answered PENDING. */
    private static void awaitReady(String baseUrl) {
        await().atMost(WAIT).until(() -> get(baseUrl + "/ready").statusCode() == 200);
    }

    private static String winJson(String eventId, String category, String nominee, boolean tie) {
        Map<String, Object> win = new LinkedHashMap<>();
        win.put("eventId", eventId);
        win.put("category", category);
        win.put("nominee", nominee);
        win.put("tie", tie);
        return Json.text(win);
    }

    private static String nominee(Category category, int index) {
        return category.nominees().get(index).name();
    }

    private static HttpResponse<Buffer> postWin(CeremonyDefinition ceremony, String json) {
        return join(post(pipeline.ingestUrl() + "/ceremonies/" + ceremony.id() + "/wins", json));
    }

    private static HttpResponse<Buffer> postCorrection(CeremonyDefinition ceremony, Map<String, String> body) {
        return join(post(pipeline.ingestUrl() + "/ceremonies/" + ceremony.id() + "/corrections", Json.text(body)));
    }

    private static Future<HttpResponse<Buffer>> post(String url, String json) {
        return client.postAbs(url).putHeader("Authorization", "Bearer " + TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json));
    }

    private static HttpResponse<Buffer> get(String url) {
        return join(client.getAbs(url).send());
    }

    private static void assertStatus(int status, String verdict, HttpResponse<Buffer> answer) {
        assertEquals(status, answer.statusCode(), answer.bodyAsString());
        assertEquals(verdict, body(answer).get("status").asText(), answer.bodyAsString());
    }

    private static void assertError(int status, String field, HttpResponse<Buffer> answer) {
        assertEquals(status, answer.statusCode(), answer.bodyAsString());
        JsonNode error = body(answer);
        assertEquals(field, error.path("field").asText(null), answer.bodyAsString());
        assertTrue(error.get("error").asText().startsWith("Not recorded: "), answer.bodyAsString());
    }

    private static JsonNode body(HttpResponse<Buffer> response) {
        try {
            return Json.MAPPER.readTree(response.body().getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CeremonyUpdate update(ConsumerRecord<String, byte[]> record) {
        return Json.read(record.value(), CeremonyUpdate.class);
    }

    private static String describe(List<HttpResponse<Buffer>> answers) {
        return answers.stream().map(a -> a.statusCode() + " " + a.bodyAsString()).toList().toString();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within " + WAIT.toSeconds() + " s", e);
        }
    }
}
