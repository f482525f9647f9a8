package dev.awardsticker.gateway.push;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(500, 60_000, 600_000);

    @Test
    void waitsAtMostTheDoublingCeilingCappedAtTheMaximum() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(60_000, 500L << Math.min(attempt - 1, 30));
            for (int i = 0; i < 200; i++) {
                long delay = policy.delayMs(attempt, -1);
                assertTrue(delay >= 0 && delay <= ceiling, "attempt " + attempt + ": " + delay + " > " + ceiling);
            }
        }
    }

    @Test
    void jittersRatherThanWaitingInStep() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> policy.delayMs(5, -1)).distinct().count();
        assertTrue(distinct > 10, "full jitter spreads the waits: " + distinct);
    }

    @Test
    void honoursRetryAfterUpToTheMaximum() {
        assertTrue(policy.delayMs(1, 30_000) >= 30_000);
        assertEquals(60_000, policy.delayMs(1, 3_600_000));
    }

    @Test
    void classifiesAnswers() {
        assertTrue(RetryPolicy.accepted(200) && RetryPolicy.accepted(204));
        assertFalse(RetryPolicy.accepted(302) || RetryPolicy.accepted(503));
        assertTrue(RetryPolicy.retryable(500) && RetryPolicy.retryable(503) && RetryPolicy.retryable(408)
                && RetryPolicy.retryable(429));
        assertFalse(RetryPolicy.retryable(400) || RetryPolicy.retryable(404) || RetryPolicy.retryable(410)
                || RetryPolicy.retryable(301));
        assertEquals(2_000, WebhookSender.retryAfterMs(" 2 "));
        assertEquals(-1, WebhookSender.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(-1, WebhookSender.retryAfterMs(null));
    }
}
