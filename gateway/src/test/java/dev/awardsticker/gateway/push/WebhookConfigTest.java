package dev.awardsticker.gateway.push;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        WebhookConfig config = WebhookConfig.fromEnv(Map.of("GATEWAY_ADMIN_TOKENS", " ", "GATEWAY_WEBHOOK_GROUP", ""));
        assertEquals(WebhookConfig.defaults(), config);
        assertEquals(new WebhookConfig(List.of(), 500, 60_000, 600_000, 5_000, "awards-ticker-gateway-webhooks"), config);
        assertFalse(config.adminEnabled());
    }

    @Test
    void readsEveryVariable() {
        WebhookConfig config = WebhookConfig.fromEnv(Map.of(
                "GATEWAY_ADMIN_TOKENS", "first-token-0123456789, second-token-0123456789,",
                "GATEWAY_WEBHOOK_RETRY_BASE_MS", "100", "GATEWAY_WEBHOOK_RETRY_MAX_MS", "2000",
                "GATEWAY_WEBHOOK_GIVE_UP_MS", "30000", "GATEWAY_WEBHOOK_TIMEOUT_MS", "1500",
                "GATEWAY_WEBHOOK_GROUP", "gateways-eu"));
        assertEquals(new WebhookConfig(List.of("first-token-0123456789", "second-token-0123456789"), 100, 2_000, 30_000,
                1_500, "gateways-eu"), config);
        assertTrue(config.adminEnabled());
        assertFalse(config.toString().contains("first-token"), "tokens never reach the logs");
    }

    @Test
    void explainsBadValues() {
        assertRefused(Map.of("GATEWAY_ADMIN_TOKENS", "short"), "every token must be at least 16 characters");
        assertRefused(Map.of("GATEWAY_WEBHOOK_RETRY_BASE_MS", "soon"), "GATEWAY_WEBHOOK_RETRY_BASE_MS must be a whole");
        assertRefused(Map.of("GATEWAY_WEBHOOK_RETRY_BASE_MS", "0"), "GATEWAY_WEBHOOK_RETRY_BASE_MS must be at least 1");
        assertRefused(Map.of("GATEWAY_WEBHOOK_RETRY_MAX_MS", "100"), "GATEWAY_WEBHOOK_RETRY_MAX_MS must be at least");
        assertRefused(Map.of("GATEWAY_WEBHOOK_GIVE_UP_MS", "-1"), "GATEWAY_WEBHOOK_GIVE_UP_MS must be 0 or more");
        assertRefused(Map.of("GATEWAY_WEBHOOK_TIMEOUT_MS", "5"), "GATEWAY_WEBHOOK_TIMEOUT_MS must be at least 10");
    }

    private static void assertRefused(Map<String, String> env, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookConfig.fromEnv(env));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
