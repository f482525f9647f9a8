package dev.awardsticker.ingest.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry decisions on a fake clock: what is retried, how long it waits, where it goes, when it stops. */
class RetryPolicyTest {
    private static final List<String> ONE = List.of("http://a");
    private static final List<String> TWO = List.of("http://a", "http://b");

    /** A clock that moves only when told to. */
    private long now = 1_000_000;

    private RetryPolicy.Submit start(RetryPolicy policy, List<String> urls) {
        return policy.start(urls, 0, () -> now);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 429, 500, 502, 503, 504})
    void noAnswerAnd429And5xxAreRetried(int status) {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofSeconds(60)), ONE);
        assertInstanceOf(RetryPolicy.Retry.class, submit.failed(status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 202, 400, 401, 403, 404, 409, 413, 422})
    void aFinalAnswerIsNeverRetried(int status) {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofSeconds(60)), TWO);
        assertEquals(new RetryPolicy.GiveUp(false), submit.failed(status, 1000L));
        assertEquals(1, submit.attempts());
        assertEquals("http://a", submit.url(), "no failover on a final answer");
    }

    @Test
    void backsOffFrom250msDoublingUpTo5sWithoutJitterAtRandomZero() {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofMinutes(10)).withRandom(() -> 0), ONE);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RetryPolicy.Retry retry = (RetryPolicy.Retry) submit.failed(0, null);
            delays.add(retry.delayMs());
            now += retry.delayMs();
        }
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L), delays);
        assertEquals(9, submit.attempts());
    }

    @Test
    void jitterShortensAWaitByUpToAQuarter() {
        RetryPolicy policy = RetryPolicy.retryFor(Duration.ofMinutes(10)).withRandom(() -> 0.999);
        RetryPolicy.Submit submit = start(policy, ONE);
        assertEquals(188, ((RetryPolicy.Retry) submit.failed(503, null)).delayMs(), "250 less a quarter");
        assertEquals(375, ((RetryPolicy.Retry) submit.failed(0, null)).delayMs(), "500 less a quarter");
    }

    @Test
    void honoursRetryAfterOf503And429UpTo30s() {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofMinutes(10)).withRandom(() -> 0), ONE);
        assertEquals(3000, ((RetryPolicy.Retry) submit.failed(503, 3000L)).delayMs());
        assertEquals(0, ((RetryPolicy.Retry) submit.failed(429, 0L)).delayMs());
        assertEquals(30_000, ((RetryPolicy.Retry) submit.failed(503, 120_000L)).delayMs());
        assertEquals(2000, ((RetryPolicy.Retry) submit.failed(500, 9000L)).delayMs(),
                "a 500's Retry-After is not the one a 503 sends: the backoff (4th failure) applies");
    }

    @Test
    void failsOverRoundRobinAndRemembersTheUrlsTried() {
        List<String> three = List.of("http://a", "http://b", "http://c");
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofSeconds(60)).withRandom(() -> 0), three);
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            next.add(((RetryPolicy.Retry) submit.failed(0, null)).url());
        }
        assertEquals(List.of("http://b", "http://c", "http://a", "http://b"), next);
        assertEquals("http://b", submit.url());
        assertEquals(three, submit.urlsTried());
        // A submit starting where the last one answered.
        RetryPolicy.Submit later = RetryPolicy.retryFor(Duration.ofSeconds(60)).start(three, 1, () -> now);
        assertEquals("http://b", later.url());
        assertEquals("http://c", ((RetryPolicy.Retry) later.failed(503, 0L)).url());
    }

    @Test
    void retriesUntilTheBudgetIsSpentThenGivesUpAsExhausted() {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ofSeconds(10)).withRandom(() -> 0), TWO);
        long waited = 0;
        List<Long> delays = new ArrayList<>();
        RetryPolicy.Decision decision;
        while ((decision = submit.failed(0, null)) instanceof RetryPolicy.Retry retry) {
            delays.add(retry.delayMs());
            now += retry.delayMs() + 100;  // the wait, then 100 ms for the attempt to fail
            waited += retry.delayMs() + 100;
        }
        assertEquals(new RetryPolicy.GiveUp(true), decision);
        // 250 500 1000 2000 4000 (+100 each: 8250 of 10000), then the last wait is cut to end at the budget.
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 1750L), delays);
        assertEquals(waited, submit.waitedMs());
        assertTrue(submit.waitedMs() >= 10_000);
        assertEquals(7, submit.attempts());
        assertEquals("(waited 10.1 s of 10 s)", submit.progress());
    }

    @Test
    void aZeroBudgetMakesOneAttempt() {
        RetryPolicy.Submit submit = start(RetryPolicy.retryFor(Duration.ZERO), TWO);
        assertEquals(new RetryPolicy.GiveUp(true), submit.failed(0, null));
        assertEquals(List.of("http://a"), submit.urlsTried());
    }

    @Test
    void anAttemptLimitCountsAttemptsWhateverTheTime() {
        RetryPolicy.Submit submit = start(RetryPolicy.attempts(3).withRandom(() -> 0), ONE);
        assertInstanceOf(RetryPolicy.Retry.class, submit.failed(503, 0L));
        assertEquals("(attempt 2 of 3)", submit.progress());
        now += 3_600_000;
        assertInstanceOf(RetryPolicy.Retry.class, submit.failed(0, null));
        assertEquals(new RetryPolicy.GiveUp(true), submit.failed(0, null));
        assertFalse(RetryPolicy.retriable(404));
    }

    @Test
    void formatsSecondsForTheProgressLine() {
        assertEquals("60.0 s", RetryPolicy.seconds(60_000));
        assertEquals("1.0 s", RetryPolicy.seconds(1000));
        assertEquals("(waited 0.0 s of 60 s)", start(RetryPolicy.retryFor(Duration.ofSeconds(60)), ONE).progress());
        assertEquals("(waited 0.0 s of 1.5 s)", start(RetryPolicy.retryFor(Duration.ofMillis(1500)), ONE).progress());
        assertEquals("0.3 s", RetryPolicy.seconds(250));
        assertEquals("3.2 s", RetryPolicy.seconds(3200));
        assertEquals("0.0 s", RetryPolicy.seconds(0));
    }
}
