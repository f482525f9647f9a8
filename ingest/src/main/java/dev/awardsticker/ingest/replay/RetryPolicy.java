package dev.awardsticker.ingest.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * When the replayer tries a submit again, how long it waits first, and at which ingest: pure, so that a fake clock
 * and a fixed random number test it.
 * <ul>
 * <li>Retried, with the same body and so the same event id: no answer at all (connection refused, closed,
 * timed out), 503 and 429 (waiting their Retry-After), and any other 5xx. Never another 4xx (a 409 or 422 is
 * the ticker's answer and asking again changes nothing), never a 2xx.</li>
 * <li>Waits: a capped exponential backoff, {@link #FIRST_BACKOFF} doubling up to {@link #MAX_BACKOFF}, each up to a
 * quarter shorter at random so that editors' tools don't retry in step; a Retry-After (seconds) replaces it, up to
 * {@link #MAX_RETRY_AFTER}.</li>
 * <li>Limit: a time budget from the first attempt of the submit (the last wait is shortened to end at the budget,
 * for one more attempt then), or a number of attempts.</li>
 * <li>Failover: every retry goes to the next of the ingest URLs, round robin; a submit that succeeds leaves the
 * replayer on that URL for the next submits.</li>
 * </ul>
 */
public final class RetryPolicy {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /** Each wait is up to this share shorter, at random. */
    static final double JITTER = 0.25;

    private final Duration budget;
    private final int maxAttempts;
    private final DoubleSupplier random;

    private RetryPolicy(Duration budget, int maxAttempts, DoubleSupplier random) {
        this.budget = budget;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** Retries for up to {@code budget} (zero: one attempt only) from the first attempt of each submit. */
    public static RetryPolicy retryFor(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("the retry budget cannot be negative: " + budget);
        }
        return new RetryPolicy(budget, Integer.MAX_VALUE, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code maxAttempts} attempts per submit (at least 1), however long they take. */
    public static RetryPolicy attempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        return new RetryPolicy(null, maxAttempts, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same policy with {@code random} (in [0, 1)) for the jitter: tests pass a constant. */
    public RetryPolicy withRandom(DoubleSupplier random) {
        return new RetryPolicy(budget, maxAttempts, random);
    }

    /** The time budget, or null when the policy counts attempts instead. */
    public Duration budget() {
        return budget;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Worth asking again: no answer, 503, 429 or another 5xx. */
    public static boolean retriable(int status) {
        return status == 0 || status == 429 || status >= 500 && status <= 599;
    }

    /** The backoff before the next attempt after {@code failures} failed ones (1 or more), before jitter. */
    static long backoffMs(int failures) {
        long ms = FIRST_BACKOFF.toMillis();
        for (int i = 1; i < failures && ms < MAX_BACKOFF.toMillis(); i++) {
            ms *= 2;
        }
        return Math.min(ms, MAX_BACKOFF.toMillis());
    }

    /**
     * The retries of one submit, starting now by {@code clockMs}, at {@code urls.get(urlIndex)}.
     *
     * @param clockMs a monotonic clock in milliseconds
     */
    public Submit start(List<String> urls, int urlIndex, LongSupplier clockMs) {
        return new Submit(List.copyOf(urls), urlIndex, clockMs);
    }

    /** What to do after a failed attempt. */
    public sealed interface Decision permits Retry, GiveUp {}

    /** Try again at {@code url} after {@code delayMs}. */
    public record Retry(long delayMs, String url, int urlIndex) implements Decision {}

    /**
     * Stop: {@code exhausted} when the failure was worth retrying but the budget or the attempts are spent, false
     * when it was a final answer (a 4xx).
     */
    public record GiveUp(boolean exhausted) implements Decision {}

    /** One submit's attempts: which URL is next, how long it has waited, which URLs it tried. */
    public final class Submit {
        private final List<String> urls;
        private final LongSupplier clockMs;
        private final long startMs;
        private final Set<String> tried = new LinkedHashSet<>();
        private int urlIndex;
        private int attempts = 1;

        private Submit(List<String> urls, int urlIndex, LongSupplier clockMs) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("no ingest URL");
            }
            this.urls = urls;
            this.clockMs = clockMs;
            this.startMs = clockMs.getAsLong();
            this.urlIndex = Math.floorMod(urlIndex, urls.size());
            tried.add(urls.get(this.urlIndex));
        }

        /** The URL of the current attempt. */
        public String url() {
            return urls.get(urlIndex);
        }

        public int urlIndex() {
            return urlIndex;
        }

        /** Attempts made so far, the current one included. */
        public int attempts() {
            return attempts;
        }

        /** From the first attempt until now. */
        public long waitedMs() {
            return clockMs.getAsLong() - startMs;
        }

        public List<String> urlsTried() {
            return new ArrayList<>(tried);
        }

        /**
         * The current attempt ended with {@code status} (0: no answer); {@code retryAfterMs} is what a 503 or 429
         * asked to wait, or null. A {@link Retry} moves this submit to its URL and counts its attempt.
         */
        public Decision failed(int status, Long retryAfterMs) {
            if (!retriable(status)) {
                return new GiveUp(false);
            }
            if (attempts >= maxAttempts) {
                return new GiveUp(true);
            }
            long delay;
            if (retryAfterMs != null && (status == 503 || status == 429)) {
                delay = Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER.toMillis());
            } else {
                long backoff = backoffMs(attempts);
                delay = backoff - Math.round(backoff * JITTER * random.getAsDouble());
            }
            if (budget != null) {
                long left = budget.toMillis() - waitedMs();
                if (left <= 0) {
                    return new GiveUp(true);
                }
                delay = Math.min(delay, left);
            }
            attempts++;
            urlIndex = (urlIndex + 1) % urls.size();
            tried.add(urls.get(urlIndex));
            return new Retry(delay, urls.get(urlIndex), urlIndex);
        }

        /** "(waited 3.2 s of 60 s)" or "(attempt 2 of 5)", for the progress line of a retry. */
        public String progress() {
            return budget != null
                    ? "(waited " + seconds(waitedMs()) + " of " + budgetText() + ")"
                    : "(attempt " + attempts + " of " + maxAttempts + ")";
        }
    }

    /** "1.0 s", "0.3 s", "60.0 s". */
    public static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** "60 s", "1.5 s", or "5 attempts". */
    public String budgetText() {
        if (budget == null) {
            return maxAttempts + " attempts";
        }
        long ms = budget.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : seconds(ms);
    }

    @Override
    public String toString() {
        return budget != null ? "retry for " + budgetText() : maxAttempts + " attempts";
    }
}
