package dev.awardsticker.ingest.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.event.WinVerdict.Status;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.IngestFixture;
import dev.awardsticker.ingest.TestData;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest's verdict path on a real broker, two instances side by side, with the test standing in for the Streams
 * app: it reads the commands (definitions and events) and writes verdicts as the Streams app does (same key, the
 * command's timestamp). The real Streams app is in the launcher's EditorsDeskIT.
 */
@ExtendWith(KafkaBrokerExtension.class)
class VerdictIT {
    private static final String CEREMONY = "verdicts-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WINS = "/ceremonies/" + CEREMONY + "/wins";

    private static IngestFixture first;
    private static IngestFixture second;
    private static KafkaProducer<String, byte[]> arbiter;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        var config = IngestFixture.config(broker.bootstrapServers(), Duration.ofSeconds(5))
                .withVerdictTimeout(Duration.ofSeconds(30));
        first = IngestFixture.startReady(config);
        second = IngestFixture.startReady(config);
        arbiter = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        Future<HttpResponse<Buffer>> defined = first.postAsync("/ceremonies", TestData.definitionJson(CEREMONY));
        judge(definitions(CEREMONY, 1).get(0), Status.ACCEPTED, null, 1);
        HttpResponse<Buffer> answer = IngestFixture.result(defined);
        assertEquals(202, answer.statusCode(), answer.bodyAsString());
        assertEquals("ACCEPTED", body(answer).get("status").asText());
        assertEquals(1, body(answer).get("firstSeq").asLong());
        await().atMost(Duration.ofSeconds(20)).until(() -> second.get("/ceremonies/" + CEREMONY).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        arbiter.close();
        first.close();
        second.close();
    }

    @Test
    void twoInstancesSendingTheSameEventIdAtOnceEachAnswerWithTheVerdictOnTheirOwnRecord() throws Exception {
        Future<HttpResponse<Buffer>> one = first.postAsync(WINS, TestData.winJson("same-1"));
        Future<HttpResponse<Buffer>> other = second.postAsync(WINS, TestData.winJson("same-1"));
        List<ConsumerRecord<String, byte[]>> events = events("same-1", 2);
        // Both instances read both answers; each must take the one on its own record, not the first one. The
        // accepted one is an update on ceremony-updates, the duplicate a verdict on win-verdicts: read side by
        // side, the duplicate may well be read first, as here.
        judge(events.get(1), Status.DUPLICATE, "already processed as ACCEPTED", 7);
        judge(events.get(0), Status.ACCEPTED, null, 7);

        List<HttpResponse<Buffer>> answers = List.of(IngestFixture.result(one), IngestFixture.result(other));
        HttpResponse<Buffer> accepted = answerFor(answers, events.get(0));
        HttpResponse<Buffer> duplicate = answerFor(answers, events.get(1));
        assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
        assertEquals("ACCEPTED", body(accepted).get("status").asText());
        assertEquals(7, body(accepted).get("firstSeq").asLong());
        assertEquals(200, duplicate.statusCode(), duplicate.bodyAsString());
        assertEquals("DUPLICATE", body(duplicate).get("status").asText());
        assertEquals(7, body(duplicate).get("firstSeq").asLong());
    }

    @Test
    void aRejectionIsA409NamingTheFieldAndSayingWhatToDo() throws Exception {
        Future<HttpResponse<Buffer>> answer = first.postAsync(WINS, TestData.winJson("second-winner-1"));
        judge(events("second-winner-1", 1).get(0), Status.REJECTED,
                "'Best Director' is already decided (Tom Ford); mark the win as a tie or send a correction", 0);
        HttpResponse<Buffer> response = IngestFixture.result(answer);
        assertEquals(409, response.statusCode(), response.bodyAsString());
        JsonNode error = body(response);
        assertEquals("category", error.get("field").asText());
        assertTrue(error.get("error").asText().contains("\"tie\": true"), error.toString());
    }

    @Test
    void theSameDefinitionAgainIsAnswered200UnchangedWhenTheTickerSaysItHoldsItAlready() throws Exception {
        Future<HttpResponse<Buffer>> again = second.postAsync("/ceremonies", TestData.definitionJson(CEREMONY));
        List<ConsumerRecord<String, byte[]>> posted = definitions(CEREMONY, 2);
        // The second command of this ceremony's definition: its own eventId, its own verdict.
        judge(posted.get(1), Status.DUPLICATE, "identical to the definition already held; nothing changed", 0);
        HttpResponse<Buffer> response = IngestFixture.result(again);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonNode answer = body(response);
        assertEquals("DUPLICATE", answer.get("status").asText());
        assertEquals(posted.get(1).offset(), answer.get("offset").asLong());
        assertEquals(command(posted.get(1)).eventId(), answer.get("eventId").asText());
        assertTrue(!answer.has("firstSeq"), answer.toString());
        assertTrue(answer.get("message").asText().startsWith("Unchanged"), answer.toString());
    }

    @Test
    void aRejectedDefinitionIsA409AndNeverReachesTheCatalog() throws Exception {
        String refused = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        Future<HttpResponse<Buffer>> answer = first.postAsync("/ceremonies", TestData.definitionJson(refused));
        judge(definitions(refused, 1).get(0), Status.REJECTED, "a scripted refusal", 0);
        HttpResponse<Buffer> response = IngestFixture.result(answer);
        assertEquals(409, response.statusCode(), response.bodyAsString());
        assertTrue(body(response).get("error").asText().startsWith("Not recorded: a scripted refusal."),
                response.bodyAsString());
        // Wins are checked against what the ticker holds: it holds no such ceremony.
        assertEquals(404, first.get("/ceremonies/" + refused).statusCode());
        assertEquals(404, first.post("/ceremonies/" + refused + "/wins", TestData.winJson("w-1")).statusCode());
    }

    /** The records of {@code eventId} on the commands topic, in the order Kafka stored them (one key: one partition). */
    private static List<ConsumerRecord<String, byte[]>> events(String eventId, int count) {
        return first.records(Topics.CEREMONY_COMMANDS, r -> CEREMONY.equals(r.key())
                && command(r) instanceof EditorEvent event && eventId.equals(event.eventId()), count);
    }

    /** The definitions posted for {@code ceremony}, in order. */
    private static List<ConsumerRecord<String, byte[]>> definitions(String ceremony, int count) {
        return first.records(Topics.CEREMONY_COMMANDS, r -> ceremony.equals(r.key())
                && command(r) instanceof DefinitionPosted, count);
    }

    private static CeremonyCommand command(ConsumerRecord<String, byte[]> record) {
        return Json.read(record.value(), CeremonyCommand.class);
    }

    /**
     * A verdict as the Streams app writes it: keyed by ceremony, with the timestamp and (header) the offset of the
     * command it judges; an accepted command is answered by its update on ceremony-updates, any other by a record
     * on win-verdicts.
     */
    private static void judge(ConsumerRecord<String, byte[]> command, Status status, String reason, long firstSeq)
            throws Exception {
        CeremonyCommand judged = command(command);
        if (status == Status.ACCEPTED) {
            Change change = judged instanceof DefinitionPosted posted ? new CeremonyDefined(posted.definition())
                    : new WinnerDeclared(((EditorEvent) judged).category(), "someone", "something", List.of(), null,
                    false, judged.editor(), 1, 1);
            CeremonyUpdate update = new CeremonyUpdate(command.key(), 1, firstSeq, judged.eventId(),
                    judged.ingestedAt(), List.of(change));
            arbiter.send(new ProducerRecord<>(Topics.CEREMONY_UPDATES, null, command.timestamp(), command.key(),
                    Json.bytes(update), answering(command))).get();
            return;
        }
        WinVerdict verdict = new WinVerdict(command.key(), judged.eventId(), status, reason, firstSeq);
        arbiter.send(new ProducerRecord<>(Topics.WIN_VERDICTS, null, command.timestamp(), command.key(),
                Json.bytes(verdict), answering(command))).get();
    }

    private static RecordHeaders answering(ConsumerRecord<String, byte[]> command) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaders.COMMAND_OFFSET, Long.toString(command.offset()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The answer that reports {@code event}'s own position. */
    private static HttpResponse<Buffer> answerFor(List<HttpResponse<Buffer>> answers, ConsumerRecord<String, byte[]> event) {
        return answers.stream().filter(a -> body(a).get("offset").asLong() == event.offset()).findFirst()
                .orElseThrow(() -> new AssertionError("no answer reports offset " + event.offset()));
    }

    private static JsonNode body(HttpResponse<Buffer> response) {
        return TestData.tree(response.bodyAsString());
    }
}
