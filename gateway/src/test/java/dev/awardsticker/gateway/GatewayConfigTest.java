package dev.awardsticker.gateway;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertEquals(new GatewayConfig("localhost:9092", "0.0.0.0", 8080, 10_000, 15_000),
                GatewayConfig.fromEnv(Map.of("GATEWAY_PORT", " ")));
    }

    @Test
    void readsEveryVariable() {
        assertEquals(new GatewayConfig("kafka:29092", "127.0.0.1", 0, 50, 250), GatewayConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092", "GATEWAY_HOST", "127.0.0.1", "GATEWAY_PORT", "0",
                "GATEWAY_RESUME_BUFFER", "50", "GATEWAY_HEARTBEAT_MS", "250")));
    }

    @Test
    void explainsBadValues() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.fromEnv(Map.of("GATEWAY_PORT", "eighty")));
        assertTrue(notANumber.getMessage().contains("GATEWAY_PORT must be a whole number, was 'eighty'"));
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.fromEnv(Map.of("GATEWAY_RESUME_BUFFER", "0")));
        assertTrue(outOfRange.getMessage().contains("GATEWAY_RESUME_BUFFER must be at least 1"));
    }
}
