package dev.awardsticker.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Decoding records: once per record, and a bad one is skipped instead of stopping the feed. */
class UpdateFeedTest {

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("ceremony-updates", 1, 17, "golden-globes-74", value);
    }

    @Test
    void decodesAnUpdateAndEncodesItsFrameOnce() throws Exception {
        CeremonyUpdate update = moonlightWinsPicture("golden-globes-74", 3, 9);
        FeedUpdate decoded = UpdateFeed.decode(record(Json.bytes(update)));

        assertNotNull(decoded);
        assertEquals(update, decoded.update());
        JsonNode frame = Json.MAPPER.readTree(decoded.frame(Wire.Format.WEBSOCKET).text());
        assertEquals("update", frame.path("type").asText());
        assertEquals(9, frame.path("update").path("seq").asLong());
        assertEquals("WinnerDeclared", frame.path("update").path("changes").path(0).path("type").asText());
        assertEquals(update.changes().size(), frame.path("update").path("changes").size(), "every change");
    }

    @Test
    void skipsWhatIsNotACeremonyUpdate() {
        assertNull(UpdateFeed.decode(record("{not json".getBytes(StandardCharsets.UTF_8))));
        assertNull(UpdateFeed.decode(record(null)), "tombstone");
        assertNull(UpdateFeed.decode(record("{\"ceremony\":\"x\",\"epoch\":1,\"seq\":0,\"changes\":[]}"
                .getBytes(StandardCharsets.UTF_8))), "seq 0");
        assertNull(UpdateFeed.decode(record(("{\"ceremony\":\"x\",\"epoch\":1,\"seq\":1,"
                + "\"changes\":[{\"type\":\"SomethingNew\"}]}").getBytes(StandardCharsets.UTF_8))),
                "unknown change type");
        assertNull(UpdateFeed.decode(record("{\"ceremony\":\"x\",\"epoch\":1,\"seq\":1,\"changes\":[]}"
                .getBytes(StandardCharsets.UTF_8))), "no changes");
    }
}
