package dev.awardsticker.gateway.transport.sse;

import dev.awardsticker.gateway.feed.Wire;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LastEventIdTest {

    @Test
    void readsCeremonyEpochAndSeqFromTheRight() {
        assertEquals(new LastEventId("golden-globes-74", 1700000000000L, 42),
                LastEventId.parse("golden-globes-74:1700000000000:42"));
        assertEquals(new LastEventId("odd:id", 3, 0), LastEventId.parse(" odd:id:3:0 "));
        assertEquals("golden-globes-74:7:9", Wire.sseId("golden-globes-74", 7, 9));
        assertEquals(new LastEventId("c", 7, 9), LastEventId.parse(Wire.sseId("c", 7, 9)));
    }

    @Test
    void anythingElseIsNoPosition() {
        for (String bad : new String[] {"", "42", "c:42", ":1:2", "c:x:2", "c:1:y", "c:1:-2", "c:-1:2", "c:1:2.5",
                "c:1:99999999999999999999"}) {
            assertNull(LastEventId.parse(bad), bad);
        }
        assertNull(LastEventId.parse(null));
    }
}
