package dev.awardsticker.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestConfigTest {
    private static final Map<String, String> TOKENS = Map.of(IngestConfig.TOKENS, "alice=s3cret-a, bob=s3cret-b");

    @Test
    void hasSaneDefaults() {
        IngestConfig config = IngestConfig.fromEnv(TOKENS);
        assertEquals("localhost:9092", config.bootstrapServers());
        assertEquals("0.0.0.0", config.host());
        assertEquals(8081, config.port());
        assertEquals(Map.of("alice", "s3cret-a", "bob", "s3cret-b"), config.editorTokens());
        assertEquals(Duration.ofMillis(5000), config.kafkaTimeout());
        assertEquals(1024 * 1024, config.maxBodyBytes());
        assertEquals(Duration.ofMillis(5000), config.verdictTimeout());
    }

    @Test
    void readsEveryVariable() {
        IngestConfig config = IngestConfig.fromEnv(Map.of(
                IngestConfig.BOOTSTRAP_SERVERS, "kafka-1:9092,kafka-2:9092",
                IngestConfig.HOST, "127.0.0.1",
                IngestConfig.PORT, "0",
                IngestConfig.TOKENS, "carol=t",
                IngestConfig.KAFKA_TIMEOUT_MS, "750",
                IngestConfig.MAX_BODY_BYTES, "2048",
                IngestConfig.VERDICT_TIMEOUT_MS, "0"));
        assertEquals(new IngestConfig("kafka-1:9092,kafka-2:9092", "127.0.0.1", 0, Map.of("carol", "t"),
                Duration.ofMillis(750), 2048, Duration.ZERO), config);
    }

    @Test
    void refusesToRunWithoutTokens() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(IngestConfig.TOKENS, " "))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.fromEnv(env));
            assertTrue(e.getMessage().contains("INGEST_TOKENS=editorName=token"), e.getMessage());
        }
    }

    @Test
    void explainsBadValues() {
        assertMessage("INGEST_PORT must be a whole number, not 'http'", Map.of(IngestConfig.PORT, "http"));
        assertMessage("INGEST_PORT must be 0-65535", Map.of(IngestConfig.PORT, "70000"));
        assertMessage("INGEST_KAFKA_TIMEOUT_MS must be a positive", Map.of(IngestConfig.KAFKA_TIMEOUT_MS, "0"));
        assertMessage("INGEST_MAX_BODY_BYTES must be", Map.of(IngestConfig.MAX_BODY_BYTES, "-1"));
        assertMessage("INGEST_VERDICT_TIMEOUT_MS must be 0 (never wait) or a positive",
                Map.of(IngestConfig.VERDICT_TIMEOUT_MS, "-5"));
    }

    @Test
    void neverPrintsTokens() {
        String text = IngestConfig.fromEnv(TOKENS).toString();
        assertTrue(text.contains("editors=[alice, bob]"), text);
        assertFalse(text.contains("s3cret"), text);
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        Map<String, String> withTokens = new HashMap<>(TOKENS);
        withTokens.putAll(env);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.fromEnv(withTokens));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
