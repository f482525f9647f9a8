package dev.awardsticker.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CeremonyApiTest {

    @Test
    void etagsAreWeakAndComparedWeakly() {
        String etag = CeremonyApi.etag(7, 42);
        assertEquals("W/\"7-42\"", etag);
        assertTrue(CeremonyApi.matches("W/\"7-42\"", etag));
        assertTrue(CeremonyApi.matches("\"7-42\"", etag));
        assertTrue(CeremonyApi.matches("\"1-1\" , W/\"7-42\"", etag));
        assertTrue(CeremonyApi.matches("*", etag));
        assertFalse(CeremonyApi.matches("W/\"7-41\"", etag));
        assertFalse(CeremonyApi.matches("W/\"8-42\"", etag));
        assertFalse(CeremonyApi.matches(null, etag));
    }
}
