package dev.awardsticker.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {

    @Test
    void eventLoopsDefaultToTheProcessorsAndTheSeamIsOn() {
        GatewayConfig defaults = GatewayConfig.fromEnv(Map.of());
        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.eventLoops());
        assertEquals(true, defaults.nettySeam());
        GatewayConfig set = GatewayConfig.fromEnv(Map.of("GATEWAY_EVENT_LOOPS", "1", "GATEWAY_NETTY_SEAM", "false"));
        assertEquals(1, set.eventLoops());
        assertEquals(false, set.nettySeam());
    }

    @Test
    void defaultsWhenNothingIsSet() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("GATEWAY_PORT", " ", "GATEWAY_JWT_SECRET", ""));
        assertEquals(new GatewayConfig("localhost:9092", "0.0.0.0", 8080, 10_000, 15_000, 1_000, 1_048_576, null,
                List.of()), config);
        assertEquals(GatewayConfig.of("localhost:9092", 8080), config);
        assertFalse(config.authEnabled());
    }

    @Test
    void readsEveryVariable() {
        String secret = " a secret of more than thirty-two bytes ";
        assertEquals(new GatewayConfig("kafka:29092", "127.0.0.1", 0, 50, 250, 20, 4096, secret,
                        List.of("https://news.example.com", "http://localhost:8080"), 500),
                GatewayConfig.fromEnv(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092", "GATEWAY_HOST", "127.0.0.1", "GATEWAY_PORT", "0",
                        "GATEWAY_RESUME_BUFFER", "50", "GATEWAY_HEARTBEAT_MS", "250",
                        "GATEWAY_CLIENT_QUEUE_MAX", "20", "GATEWAY_CLIENT_QUEUE_MAX_BYTES", "4096",
                        "GATEWAY_JWT_SECRET", secret, "GATEWAY_SSE_KEEPALIVE_MS", "500",
                        "GATEWAY_ALLOWED_ORIGINS", " https://News.Example.com/ ,http://localhost:8080,")));
    }

    @Test
    void explainsBadValues() {
        assertRefused(Map.of("GATEWAY_PORT", "eighty"), "GATEWAY_PORT must be a whole number, was 'eighty'");
        assertRefused(Map.of("GATEWAY_EVENT_LOOPS", "0"), "GATEWAY_EVENT_LOOPS must be 1..");
        assertRefused(Map.of("GATEWAY_NETTY_SEAM", "maybe"), "GATEWAY_NETTY_SEAM must be true or false");
        assertRefused(Map.of("GATEWAY_RESUME_BUFFER", "0"), "GATEWAY_RESUME_BUFFER must be at least 1");
        assertRefused(Map.of("GATEWAY_CLIENT_QUEUE_MAX", "0"), "GATEWAY_CLIENT_QUEUE_MAX must be at least 1 frame");
        assertRefused(Map.of("GATEWAY_CLIENT_QUEUE_MAX_BYTES", "100"),
                "GATEWAY_CLIENT_QUEUE_MAX_BYTES must be at least 1024");
        assertRefused(Map.of("GATEWAY_SSE_KEEPALIVE_MS", "5"), "GATEWAY_SSE_KEEPALIVE_MS must be at least 10");
        assertRefused(Map.of("GATEWAY_JWT_SECRET", "short"), "GATEWAY_JWT_SECRET must be at least 32 bytes");
        assertRefused(Map.of("GATEWAY_ALLOWED_ORIGINS", "news.example.com"),
                "GATEWAY_ALLOWED_ORIGINS must list origins such as https://news.example.com");
        assertRefused(Map.of("GATEWAY_ALLOWED_ORIGINS", "https://news.example.com/ticker"),
                "got 'https://news.example.com/ticker'");
    }

    @Test
    void neverPrintsTheSecret() {
        GatewayConfig config = GatewayConfig.of("kafka:9092", 0).withJwtSecret(Tokens.SECRET);
        assertTrue(config.authEnabled());
        assertFalse(config.toString().contains(Tokens.SECRET), config.toString());
        assertTrue(config.toString().contains("jwtSecret=(set)"), config.toString());
        assertNull(config.withJwtSecret(null).jwtSecret());
    }

    private static void assertRefused(Map<String, String> env, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.fromEnv(env));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
