package dev.awardsticker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The happy paths against a real broker: what is answered and what lands on the topics. */
@ExtendWith(KafkaBrokerExtension.class)
class IngestServiceIT {
    private static IngestFixture ingest;

    @BeforeAll
    static void start(KafkaBroker broker) {
        ingest = IngestFixture.startReady(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aDefinitionAndAWinAreAcceptedAndLandOnTheirTopicsWithTheEditor() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<Buffer> defined = ingest.post("/ceremonies", TestData.definitionJson(id));
        assertEquals(202, defined.statusCode(), defined.bodyAsString());
        JsonNode definedBody = TestData.tree(defined.bodyAsString());
        assertEquals(id, definedBody.get("ceremony").asText());
        assertEquals(Topics.CEREMONY_DEFINITIONS, definedBody.get("topic").asText());
        ConsumerRecord<String, byte[]> definition = ingest.recordAt(Topics.CEREMONY_DEFINITIONS,
                definedBody.get("partition").asInt(), definedBody.get("offset").asLong());
        assertEquals(id, definition.key());
        assertEquals(id, Json.read(definition.value(), CeremonyDefinition.class).id());
        assertEquals("alice", header(definition));

        // Read-your-writes: the win is checked against the definition just written, without waiting.
        HttpResponse<Buffer> won = ingest.post("/ceremonies/" + id + "/wins", "application/json; charset=utf-8",
                IngestFixture.BOB_TOKEN, Buffer.buffer(TestData.winJson(id + ":win:01")));
        assertEquals(202, won.statusCode(), won.bodyAsString());
        JsonNode wonBody = TestData.tree(won.bodyAsString());
        assertEquals(id + ":win:01", wonBody.get("eventId").asText());
        assertEquals(id, wonBody.get("ceremony").asText());
        // No Streams app here to decide it: stored, and pending.
        assertEquals("PENDING", wonBody.get("status").asText());
        long ingestedAt = wonBody.get("ingestedAt").asLong();
        assertTrue(Math.abs(System.currentTimeMillis() - ingestedAt) < 60_000, "ingestedAt " + ingestedAt);

        ConsumerRecord<String, byte[]> win = ingest.recordAt(Topics.CEREMONY_WINS, wonBody.get("partition").asInt(),
                wonBody.get("offset").asLong());
        assertEquals(id, win.key());
        assertEquals(definition.partition(), win.partition(), "one ceremony, one partition on both topics");
        assertEquals("bob", header(win));
        EditorEvent event = Json.read(win.value(), EditorEvent.class);
        assertEquals(new WinAnnounced(id + ":win:01", id, "Best Director", "Damien Chazelle", false, ingestedAt, "bob"),
                assertInstanceOf(WinAnnounced.class, event));
    }

    @Test
    void correctionsLandOnTheWinsTopicAsRetractionsOrCorrections() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(202, ingest.post("/ceremonies", TestData.definitionJson(id)).statusCode());

        EditorEvent corrected = postedEvent(id, """
                {"eventId":"fix-1","category":"Best Director","nominee":"Damien Chazelle","correctNominee":"Tom Ford",
                 "reason":"wrong envelope"}""");
        assertEquals(new WinCorrected("fix-1", id, "Best Director", "Damien Chazelle", "Tom Ford", "wrong envelope",
                corrected.ingestedAt(), "alice"), corrected);

        EditorEvent retracted = postedEvent(id, """
                {"eventId":"fix-2","category":"Best Director","nominee":"Tom Ford"}""");
        assertEquals(new WinRetracted("fix-2", id, "Best Director", "Tom Ford", null, retracted.ingestedAt(), "alice"),
                retracted);
    }

    private static EditorEvent postedEvent(String ceremony, String body) {
        HttpResponse<Buffer> answer = ingest.post("/ceremonies/" + ceremony + "/corrections", body);
        assertEquals(202, answer.statusCode(), answer.bodyAsString());
        JsonNode result = TestData.tree(answer.bodyAsString());
        assertEquals("PENDING", result.get("status").asText());
        ConsumerRecord<String, byte[]> record = ingest.recordAt(Topics.CEREMONY_WINS, result.get("partition").asInt(),
                result.get("offset").asLong());
        assertEquals(ceremony, record.key());
        assertEquals("alice", header(record));
        return Json.read(record.value(), EditorEvent.class);
    }

    @Test
    void definitionsCanBeReadBack() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(202, ingest.post("/ceremonies", TestData.definitionJson(id)).statusCode());

        HttpResponse<Buffer> one = ingest.get("/ceremonies/" + id);
        assertEquals(200, one.statusCode());
        assertEquals(Json.read(TestData.definitionJson(id).getBytes(StandardCharsets.UTF_8), CeremonyDefinition.class),
                Json.read(one.body().getBytes(), CeremonyDefinition.class));

        JsonNode all = TestData.tree(ingest.get("/ceremonies").bodyAsString());
        assertTrue(all.findValuesAsText("id").contains(id), all.toString());
        assertTrue(all.toString().contains("{\"id\":\"" + id + "\",\"title\":\"Test Awards\"}"), all.toString());

        HttpResponse<Buffer> missing = ingest.get("/ceremonies/no-such-ceremony");
        assertEquals(404, missing.statusCode());
        assertTrue(TestData.tree(missing.bodyAsString()).get("error").asText().contains("POST /ceremonies"));
    }

    @Test
    void recordsAreSeededUnderTheirKeys() {
        HttpResponse<Buffer> seeded = ingest.post("/records", TestData.recordsJson());
        assertEquals(202, seeded.statusCode(), seeded.bodyAsString());
        assertEquals("{\"count\":2,\"topic\":\"award-records\"}", seeded.bodyAsString());
        List<ConsumerRecord<String, byte[]>> records = ingest.records(Topics.AWARD_RECORDS,
                r -> r.key().equals("golden-globes|youngest-winner:Best Director"), 1);
        assertEquals(33, Json.read(records.get(0).value(), RecordReference.class).value());
    }

    @Test
    void healthAndReadiness() {
        assertEquals("{\"status\":\"UP\"}", ingest.get("/health").bodyAsString());
        HttpResponse<Buffer> ready = ingest.get("/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"READY\"}", ready.bodyAsString());
    }

    private static String header(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(KafkaHeaders.EDITOR).value(), StandardCharsets.UTF_8);
    }
}
