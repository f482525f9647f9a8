package dev.awardsticker.gateway.transport.sse;

import dev.awardsticker.gateway.view.Filter;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseRequestTest {

    @Test
    void readsTheSameFilterAsTheWebSocket() {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().add("ceremony", "gg74").add("alertsOnly", "true")
                .add("categories", "Best Director").add("categories", "Best Picture, Drama").add("works", "Moonlight");
        SseRequest request = SseRequest.parse(params, null);
        assertEquals("gg74", request.ceremony());
        assertEquals(new Filter(true, Set.of("Best Director", "Best Picture, Drama"), Set.of("Moonlight")),
                request.filter());
        assertNull(request.lastEventId());
        assertEquals(Filter.NONE, SseRequest.parse(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c"), null)
                .filter());
    }

    @Test
    void theHeaderWinsOverTheParameter() {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().add("ceremony", "c").add("lastEventId", "c:1:1");
        assertEquals("c:1:1", SseRequest.parse(params, null).lastEventId());
        assertEquals("c:1:5", SseRequest.parse(params, "c:1:5").lastEventId());
    }

    @Test
    void badParametersAreNamed() {
        assertBad(MultiMap.caseInsensitiveMultiMap(), "ceremony");
        assertBad(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c").add("alertsOnly", "yes"), "alertsOnly");
        assertBad(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c").add("filter", "x"), "filter");
        assertBad(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c").add("categories", " "), "categories");
        assertBad(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c\nx"), "ceremony");
        assertBad(MultiMap.caseInsensitiveMultiMap().add("ceremony", "c".repeat(201)), "ceremony");
    }

    private static void assertBad(MultiMap params, String param) {
        BadParamException e = assertThrows(BadParamException.class, () -> SseRequest.parse(params, null));
        assertEquals(param, e.param());
        assertTrue(e.getMessage().contains(param), e.getMessage());
    }
}
