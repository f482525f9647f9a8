package dev.awardsticker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad request gets its status, names its field when it has one, and publishes nothing. */
@ExtendWith(KafkaBrokerExtension.class)
class BadInputIT {
    private static final String CEREMONY = "bad-input-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WINS = "/ceremonies/" + CEREMONY + "/wins";
    private static final String CORRECTIONS = "/ceremonies/" + CEREMONY + "/corrections";
    private static final String JSON = "application/json";
    private static final String ALICE = IngestFixture.ALICE_TOKEN;
    private static final List<String> TOPICS = List.of(Topics.CEREMONY_DEFINITIONS, Topics.CEREMONY_COMMANDS,
            Topics.AWARD_RECORDS);
    private static IngestFixture ingest;

    @BeforeAll
    static void start(KafkaBroker broker) {
        ingest = IngestFixture.startReady(broker.bootstrapServers());
        assertEquals(202, ingest.post("/ceremonies", TestData.definitionJson(CEREMONY)).statusCode());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static String win(String path, String literal) {
        return TestData.edit(TestData.winJson(CEREMONY + ":win:01"), path, literal).toString();
    }

    private static String correction(String path, String literal) {
        return TestData.edit("""
                {"eventId":"fix-1","category":"Best Director","nominee":"Damien Chazelle","correctNominee":"Tom Ford"}
                """, path, literal).toString();
    }

    /** name, path, content type, token, body, status, field (null: none). */
    static Stream<Arguments> badRequests() {
        String validWin = TestData.winJson(CEREMONY + ":win:01");
        String oversized = "{\"eventId\":\"" + "x".repeat((int) IngestFixture.MAX_BODY_BYTES) + "\"}";
        return Stream.of(
                arguments("malformed JSON", WINS, JSON, ALICE, "{\"eventId\": \"a\",", 400, null),
                arguments("not JSON at all", WINS, JSON, ALICE, "eventId=a", 400, null),
                arguments("empty body", WINS, JSON, ALICE, "", 400, null),
                arguments("wrong content type", WINS, "text/plain", ALICE, validWin, 415, null),
                arguments("no content type", WINS, null, ALICE, validWin, 415, null),
                arguments("missing eventId", WINS, JSON, ALICE, win("eventId", null), 400, "eventId"),
                arguments("blank eventId", WINS, JSON, ALICE, win("eventId", "\" \""), 400, "eventId"),
                arguments("eventId with a space", WINS, JSON, ALICE, win("eventId", "\"win 1\""), 400, "eventId"),
                arguments("missing category", WINS, JSON, ALICE, win("category", null), 400, "category"),
                arguments("nominee not a string", WINS, JSON, ALICE, win("nominee", "3"), 400, "nominee"),
                arguments("tie not a boolean", WINS, JSON, ALICE, win("tie", "\"no\""), 400, "tie"),
                // A typo must not be dropped and the win accepted as an ordinary one.
                arguments("unknown field in a win", WINS, JSON, ALICE, win("Tie", "true"), 400, "Tie"),
                arguments("unknown field in a correction", CORRECTIONS, JSON, ALICE, correction("correct", "\"Tom Ford\""),
                        400, "correct"),
                arguments("unknown field in a definition's nominee", "/ceremonies", JSON, ALICE,
                        TestData.edit(TestData.definitionJson("x-1"), "categories[1].nominees[1].winner", "true")
                                .toString(), 400, "categories[1].nominees[1].winner"),
                arguments("unknown field in a record", "/records", JSON, ALICE,
                        TestData.edit(TestData.recordsJson(), "[1].note", "\"x\"").toString(), 400, "[1].note"),
                arguments("unknown ceremony", "/ceremonies/no-such-ceremony/wins", JSON, ALICE, validWin, 404, null),
                arguments("unknown category", WINS, JSON, ALICE, win("category", "\"Best Actor\""), 422, "category"),
                arguments("unknown nominee", WINS, JSON, ALICE, win("nominee", "\"Barry Jenkins\""), 422, "nominee"),
                arguments("oversized body", WINS, JSON, ALICE, oversized, 413, null),
                arguments("no token", WINS, JSON, null, validWin, 401, null),
                arguments("wrong token", WINS, JSON, "not-a-token", validWin, 401, null),
                arguments("correction without eventId", CORRECTIONS, JSON, ALICE, correction("eventId", null), 400,
                        "eventId"),
                arguments("correction without nominee", CORRECTIONS, JSON, ALICE, correction("nominee", null), 400,
                        "nominee"),
                arguments("correction to the same nominee", CORRECTIONS, JSON, ALICE,
                        correction("correctNominee", "\"Damien Chazelle\""), 400, "correctNominee"),
                arguments("correction of an unknown ceremony", "/ceremonies/no-such-ceremony/corrections", JSON, ALICE,
                        correction("reason", "\"typo\""), 404, null),
                arguments("correction in an unknown category", CORRECTIONS, JSON, ALICE,
                        correction("category", "\"Best Actor\""), 422, "category"),
                arguments("correction of an unknown nominee", CORRECTIONS, JSON, ALICE,
                        correction("nominee", "\"Barry Jenkins\""), 422, "nominee"),
                arguments("correction to an unknown nominee", CORRECTIONS, JSON, ALICE,
                        correction("correctNominee", "\"Barry Jenkins\""), 422, "correctNominee"),
                arguments("correction without token", CORRECTIONS, JSON, null, correction("reason", null), 401, null),
                arguments("definition without categories", "/ceremonies", JSON, ALICE,
                        TestData.edit(TestData.definitionJson("x-1"), "categories", "[]").toString(), 400, "categories"),
                arguments("definition with a blank nominee", "/ceremonies", JSON, ALICE,
                        TestData.edit(TestData.definitionJson("x-1"), "categories[1].nominees[1].name", "\"\"")
                                .toString(), 400, "categories[1].nominees[1].name"),
                arguments("definition without token", "/ceremonies", JSON, null, TestData.definitionJson("x-1"), 401,
                        null),
                arguments("records with a negative value", "/records", JSON, ALICE,
                        TestData.edit(TestData.recordsJson(), "[1].value", "-1").toString(), 400, "[1].value"),
                arguments("records as an object", "/records", JSON, ALICE, "{}", 400, null));
    }

    @ParameterizedTest(name = "{0} -> {5} {6}")
    @MethodSource("badRequests")
    void isAnsweredWithItsStatusAndPublishesNothing(String name, String path, String contentType, String token,
                                                    String body, int status, String field) {
        Map<TopicPartition, Long> before = ingest.endOffsets(TOPICS);

        HttpResponse<Buffer> response = ingest.post(path, contentType, token, Buffer.buffer(body));

        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertTrue(response.getHeader("Content-Type").startsWith("application/json"));
        JsonNode error = TestData.tree(response.bodyAsString());
        assertFalse(error.get("error").asText().isBlank());
        if (field == null) {
            assertNull(error.get("field"), response.bodyAsString());
        } else {
            assertEquals(field, error.get("field").asText(), response.bodyAsString());
        }
        if (status == 401) {
            assertTrue(response.getHeader("WWW-Authenticate").startsWith("Bearer"));
        }
        assertEquals(before, ingest.endOffsets(TOPICS), "published something");
    }
}
