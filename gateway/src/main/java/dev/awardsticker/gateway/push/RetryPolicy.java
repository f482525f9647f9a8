package dev.awardsticker.gateway.push;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do after an attempt: exponential backoff with full jitter (a random wait between 0 and
 * {@code min(max, base * 2^(attempt-1))}, so receivers coming back up are not hit by every sender at once).
 */
record RetryPolicy(long baseMs, long maxMs, long giveUpMs) {

    static RetryPolicy of(WebhookConfig config) {
        return new RetryPolicy(config.retryBaseMs(), config.retryMaxMs(), config.giveUpMs());
    }

    /** 5xx, 408 and 429 may pass; a timeout or connection error (no status) too. */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * @param attempt        attempts made so far (1 after the first)
     * @param retryAfterMs   the receiver's {@code Retry-After}, or -1: honoured, up to {@code maxMs}
     */
    long delayMs(int attempt, long retryAfterMs) {
        long ceiling = baseMs << Math.min(attempt - 1, 30);
        ceiling = ceiling <= 0 ? maxMs : Math.min(maxMs, ceiling);
        long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
        return Math.max(jittered, Math.min(retryAfterMs, maxMs));
    }
}
