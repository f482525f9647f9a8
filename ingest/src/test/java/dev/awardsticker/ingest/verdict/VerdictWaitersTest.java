package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.event.WinVerdict.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting for a verdict: fed by hand in place of the reader, on a real Vert.x context. */
class VerdictWaitersTest {
    private static final EventPosition AT_5 = new EventPosition(0, 5);
    private static final WinVerdict ACCEPTED = new WinVerdict("gg", "w1", Status.ACCEPTED, null, 3);

    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private VerdictWaiters waiters(Duration timeout) {
        return new VerdictWaiters(vertx, timeout, Duration.ofSeconds(10), nanos::get);
    }

    /** Asks on an event-loop context, as a request handler does. */
    private static Future<Optional<WinVerdict>> await(Vertx vertx, VerdictWaiters waiters, EventPosition position)
            throws Exception {
        CompletableFuture<Future<Optional<WinVerdict>>> asked = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> asked.complete(waiters.await(position)));
        return asked.get(5, TimeUnit.SECONDS);
    }

    private static Optional<WinVerdict> result(Future<Optional<WinVerdict>> future) throws Exception {
        return future.await(5, TimeUnit.SECONDS);
    }

    @Test
    void aRequestGetsTheVerdictOnItsPosition() throws Exception {
        VerdictWaiters waiters = waiters(Duration.ofSeconds(30));
        Future<Optional<WinVerdict>> waiting = await(vertx, waiters, AT_5);
        assertFalse(waiting.isComplete());
        waiters.resolve(new EventPosition(0, 6), ACCEPTED);
        assertFalse(waiting.isComplete(), "took the verdict on another record");
        waiters.resolve(AT_5, ACCEPTED);
        assertEquals(Optional.of(ACCEPTED), result(waiting));
        assertEquals(0, waiters.waiting());
    }

    @Test
    void aVerdictThatCameBeforeTheRequestAskedIsAnsweredAtOnce() throws Exception {
        VerdictWaiters waiters = waiters(Duration.ofSeconds(30));
        waiters.resolve(AT_5, ACCEPTED);
        Future<Optional<WinVerdict>> answer = await(vertx, waiters, AT_5);
        assertTrue(answer.isComplete());
        assertEquals(Optional.of(ACCEPTED), answer.result());
    }

    @Test
    void anEarlyVerdictIsKeptForTheRetentionOnly() throws Exception {
        VerdictWaiters waiters = waiters(Duration.ofMillis(1));
        waiters.resolve(AT_5, ACCEPTED);
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        // Any later verdict sweeps out the stale ones.
        waiters.resolve(new EventPosition(0, 99), ACCEPTED);
        assertEquals(Optional.empty(), result(await(vertx, waiters, AT_5)));
    }

    @Test
    void noVerdictWithinTheTimeoutIsEmptyAndForgetsTheRequest() throws Exception {
        VerdictWaiters waiters = waiters(Duration.ofMillis(50));
        Future<Optional<WinVerdict>> waiting = await(vertx, waiters, AT_5);
        assertEquals(Optional.empty(), result(waiting));
        assertEquals(0, waiters.waiting());
        // A verdict after the answer changes nothing (and is kept as early, harmlessly).
        waiters.resolve(AT_5, ACCEPTED);
        assertEquals(Optional.empty(), waiting.result());
    }

    @Test
    void aZeroTimeoutDoesNotWait() throws Exception {
        Future<Optional<WinVerdict>> answer = await(vertx, waiters(Duration.ZERO), AT_5);
        assertTrue(answer.isComplete());
        assertEquals(Optional.empty(), answer.result());
    }

    @Test
    void closingAnswersEveryoneStillWaiting() throws Exception {
        VerdictWaiters waiters = waiters(Duration.ofSeconds(30));
        Future<Optional<WinVerdict>> waiting = await(vertx, waiters, AT_5);
        waiters.close();
        assertEquals(Optional.empty(), result(waiting));
        assertEquals(Optional.empty(), result(await(vertx, waiters, new EventPosition(0, 7))));
    }
}
