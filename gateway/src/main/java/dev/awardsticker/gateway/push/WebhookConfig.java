package dev.awardsticker.gateway.push;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Webhook settings, read from the environment apart from {@code GatewayConfig} so the feature stays in one package.
 *
 * @param adminTokens  bearer tokens accepted by the admin API ({@code GATEWAY_ADMIN_TOKENS}); empty: admin API off (503)
 * @param retryBaseMs  first retry waits up to this long; each further one up to twice as long (full jitter)
 * @param retryMaxMs   cap of one wait
 * @param giveUpMs     a delivery still failing this long after its first attempt goes to the dead-letter topic
 * @param timeoutMs    connect, idle and total time allowed for one HTTP attempt
 * @param groupId      consumer group on {@code webhook-subscriptions} deciding which gateway delivers which subscription
 */
public record WebhookConfig(List<String> adminTokens, long retryBaseMs, long retryMaxMs, long giveUpMs, long timeoutMs,
                            String groupId) {

    public static final long DEFAULT_RETRY_BASE_MS = 500;
    public static final long DEFAULT_RETRY_MAX_MS = 60_000;
    public static final long DEFAULT_GIVE_UP_MS = 600_000;
    public static final long DEFAULT_TIMEOUT_MS = 5_000;
    public static final String DEFAULT_GROUP_ID = "awards-ticker-gateway-webhooks";
    /** Tokens are compared as secrets; short ones can be guessed. */
    static final int MIN_TOKEN_LENGTH = 16;

    public WebhookConfig {
        adminTokens = adminTokens == null ? List.of()
                : adminTokens.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        for (String token : adminTokens) {
            require(token.length() >= MIN_TOKEN_LENGTH, "GATEWAY_ADMIN_TOKENS: every token must be at least "
                    + MIN_TOKEN_LENGTH + " characters (generate one with: openssl rand -hex 24)");
        }
        require(retryBaseMs >= 1, "GATEWAY_WEBHOOK_RETRY_BASE_MS must be at least 1, was " + retryBaseMs);
        require(retryMaxMs >= retryBaseMs, "GATEWAY_WEBHOOK_RETRY_MAX_MS must be at least GATEWAY_WEBHOOK_RETRY_BASE_MS ("
                + retryBaseMs + "), was " + retryMaxMs);
        require(giveUpMs >= 0, "GATEWAY_WEBHOOK_GIVE_UP_MS must be 0 or more, was " + giveUpMs);
        require(timeoutMs >= 10, "GATEWAY_WEBHOOK_TIMEOUT_MS must be at least 10, was " + timeoutMs);
        require(groupId != null && !groupId.isBlank(), "GATEWAY_WEBHOOK_GROUP must not be blank");
    }

    /** Defaults, admin API off. */
    public static WebhookConfig defaults() {
        return new WebhookConfig(List.of(), DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_MAX_MS, DEFAULT_GIVE_UP_MS,
                DEFAULT_TIMEOUT_MS, DEFAULT_GROUP_ID);
    }

    public static WebhookConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static WebhookConfig fromEnv(Map<String, String> env) {
        String tokens = env.get("GATEWAY_ADMIN_TOKENS");
        return new WebhookConfig(tokens == null ? List.of() : Arrays.asList(tokens.split(",")),
                millis(env, "GATEWAY_WEBHOOK_RETRY_BASE_MS", DEFAULT_RETRY_BASE_MS),
                millis(env, "GATEWAY_WEBHOOK_RETRY_MAX_MS", DEFAULT_RETRY_MAX_MS),
                millis(env, "GATEWAY_WEBHOOK_GIVE_UP_MS", DEFAULT_GIVE_UP_MS),
                millis(env, "GATEWAY_WEBHOOK_TIMEOUT_MS", DEFAULT_TIMEOUT_MS),
                text(env, "GATEWAY_WEBHOOK_GROUP", DEFAULT_GROUP_ID));
    }

    public WebhookConfig withAdminTokens(List<String> tokens) {
        return new WebhookConfig(tokens, retryBaseMs, retryMaxMs, giveUpMs, timeoutMs, groupId);
    }

    public WebhookConfig withRetry(long baseMs, long maxMs, long newGiveUpMs) {
        return new WebhookConfig(adminTokens, baseMs, maxMs, newGiveUpMs, timeoutMs, groupId);
    }

    public WebhookConfig withTimeoutMs(long newTimeoutMs) {
        return new WebhookConfig(adminTokens, retryBaseMs, retryMaxMs, giveUpMs, newTimeoutMs, groupId);
    }

    public WebhookConfig withGroupId(String newGroupId) {
        return new WebhookConfig(adminTokens, retryBaseMs, retryMaxMs, giveUpMs, timeoutMs, newGroupId);
    }

    public boolean adminEnabled() {
        return !adminTokens.isEmpty();
    }

    /** Never prints the tokens: configs end up in logs. */
    @Override
    public String toString() {
        return "WebhookConfig[adminTokens=" + adminTokens.size() + " set, retryBaseMs=" + retryBaseMs + ", retryMaxMs="
                + retryMaxMs + ", giveUpMs=" + giveUpMs + ", timeoutMs=" + timeoutMs + ", groupId=" + groupId + "]";
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? fallback : raw.strip();
    }

    private static long millis(Map<String, String> env, String name, long fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds, was '" + raw + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
