package dev.awardsticker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.history.CeremonyResults;
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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The happy paths against a real broker: what is answered and what lands on the topics. */
@ExtendWith(KafkaBrokerExtension.class)
class IngestServiceIT {
    private static IngestFixture ingest;
    private static String bootstrapServers;

    @BeforeAll
    static void start(KafkaBroker broker) {
        bootstrapServers = broker.bootstrapServers();
        ingest = IngestFixture.startReady(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aDefinitionAndAWinLandAsCommandsInOrderWithTheEditorAndTheDefinitionIsKeptForTheCatalog() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<Buffer> defined = ingest.post("/ceremonies", TestData.definitionJson(id));
        assertEquals(202, defined.statusCode(), defined.bodyAsString());
        JsonNode definedBody = TestData.tree(defined.bodyAsString());
        assertEquals(id, definedBody.get("ceremony").asText());
        // No Streams app here to take it up: stored, and pending.
        assertEquals("PENDING", definedBody.get("status").asText());
        String definitionEventId = definedBody.get("eventId").asText();
        assertTrue(!definitionEventId.isBlank(), definedBody.toString());
        ConsumerRecord<String, byte[]> command = ingest.recordAt(Topics.CEREMONY_COMMANDS,
                definedBody.get("partition").asInt(), definedBody.get("offset").asLong());
        assertEquals(id, command.key());
        assertEquals("alice", header(command));
        CeremonyDefinition expected = Json.read(TestData.definitionJson(id).getBytes(StandardCharsets.UTF_8),
                CeremonyDefinition.class);
        DefinitionPosted posted = assertInstanceOf(DefinitionPosted.class,
                Json.read(command.value(), CeremonyCommand.class));
        assertEquals(new DefinitionPosted(definitionEventId, id, expected, definedBody.get("ingestedAt").asLong(),
                "alice"), posted);
        // And for ingest's own validation, latest per ceremony on the compacted topic.
        ConsumerRecord<String, byte[]> kept = ingest.records(Topics.CEREMONY_DEFINITIONS, r -> id.equals(r.key()), 1)
                .get(0);
        assertEquals(expected, Json.read(kept.value(), CeremonyDefinition.class));
        assertEquals("alice", header(kept));

        // Read-your-writes: the win is checked against the definition just written, without waiting.
        HttpResponse<Buffer> won = ingest.post("/ceremonies/" + id + "/wins", "application/json; charset=utf-8",
                IngestFixture.BOB_TOKEN, Buffer.buffer(TestData.winJson(id + ":win:01")));
        assertEquals(202, won.statusCode(), won.bodyAsString());
        JsonNode wonBody = TestData.tree(won.bodyAsString());
        assertEquals(id + ":win:01", wonBody.get("eventId").asText());
        assertEquals(id, wonBody.get("ceremony").asText());
        assertEquals("PENDING", wonBody.get("status").asText());
        long ingestedAt = wonBody.get("ingestedAt").asLong();
        assertTrue(Math.abs(System.currentTimeMillis() - ingestedAt) < 60_000, "ingestedAt " + ingestedAt);

        ConsumerRecord<String, byte[]> win = ingest.recordAt(Topics.CEREMONY_COMMANDS, wonBody.get("partition").asInt(),
                wonBody.get("offset").asLong());
        assertEquals(id, win.key());
        // One ceremony, one partition: the Streams app reads the definition before the win by construction.
        assertEquals(command.partition(), win.partition());
        assertTrue(win.offset() > command.offset(), "win at " + win.offset() + ", definition at " + command.offset());
        assertEquals("bob", header(win));
        CeremonyCommand event = Json.read(win.value(), CeremonyCommand.class);
        assertEquals(new WinAnnounced(id + ":win:01", id, "Best Director", "Damien Chazelle", false, ingestedAt, "bob"),
                assertInstanceOf(WinAnnounced.class, event));
    }

    @Test
    void everyDefinitionPostedIsACommandOfItsOwn() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode first = TestData.tree(ingest.post("/ceremonies", TestData.definitionJson(id)).bodyAsString());
        JsonNode again = TestData.tree(ingest.post("/ceremonies", TestData.definitionJson(id)).bodyAsString());
        // Whether the second changes anything is the Streams app's call (its verdict); each needs an id of its own.
        assertTrue(!first.get("eventId").asText().equals(again.get("eventId").asText()), first + " " + again);
        assertEquals(first.get("partition").asInt(), again.get("partition").asInt());
        assertTrue(again.get("offset").asLong() > first.get("offset").asLong());
    }

    @Test
    void correctionsLandOnTheCommandsTopicAsRetractionsOrCorrections() {
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
        ConsumerRecord<String, byte[]> record = ingest.recordAt(Topics.CEREMONY_COMMANDS, result.get("partition").asInt(),
                result.get("offset").asLong());
        assertEquals(ceremony, record.key());
        assertEquals("alice", header(record));
        return assertInstanceOf(EditorEvent.class, Json.read(record.value(), CeremonyCommand.class));
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

    /** award-history is compacted: a tombstone takes a ceremony out of the history ingest serves and attaches. */
    @Test
    void aCeremonyTombstonedOnAwardHistoryLeavesTheAwardsHistory() throws Exception {
        String award = "tomb-" + UUID.randomUUID().toString().substring(0, 8);
        CeremonyDefinition definition = Json.read(TestData.definitionJson(award + "-1")
                .getBytes(StandardCharsets.UTF_8), CeremonyDefinition.class);
        CeremonyDefinition ofAward = new CeremonyDefinition(definition.id(), award, definition.title(), 1,
                definition.date(), definition.broadcaster(), definition.categories());
        java.util.Map<String, List<String>> winners = new java.util.HashMap<>();
        ofAward.categories().forEach(c -> winners.put(c.name(), List.of(c.nominees().get(0).name())));
        CeremonyResults results = new CeremonyResults(ofAward, winners);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(java.util.Map.of(
                "bootstrap.servers", bootstrapServers), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.AWARD_HISTORY, results.key(),
                    Json.bytes(results))).get();
            await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> ingest.get("/history/" + award + "/records").statusCode() == 200);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.AWARD_HISTORY, results.key(),
                    null)).get();
            await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> ingest.get("/history/" + award + "/records").statusCode() == 404);
        }
    }
}
