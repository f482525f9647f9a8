package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.event.WinVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Requests waiting for the verdict on their command, each by its position on {@code ceremony-commands}. A request
 * waits without blocking: it gets a future, completed on its own Vert.x context by the reader's thread
 * ({@link #resolve}) or, after the timeout, with nothing (the event is then PENDING). Verdicts can arrive before
 * the request asks (the reader may see the record and its verdict before the producer's acknowledgement is
 * handled); those are kept for {@code retention} in case their request comes. This is no record of what
 * happened, only of who is waiting: Kafka holds the verdicts.
 */
public final class VerdictWaiters {
    /** A bound on early verdicts kept, whatever the retention: most are on other instances' records. */
    private static final int MAX_EARLY = 100_000;

    private record Waiter(Context context, Promise<Optional<WinVerdict>> promise) {}

    private record Early(WinVerdict verdict, long atNanos) {}

    private final Vertx vertx;
    private final Duration timeout;
    private final long retentionNanos;
    private final LongSupplier nanoTime;
    private final Map<EventPosition, Waiter> waiting = new HashMap<>();
    /** In arrival order, so the oldest are found first when expiring. */
    private final LinkedHashMap<EventPosition, Early> early = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param timeout   how long a request waits for its verdict (zero: not at all)
     * @param retention how long a verdict is kept for a request that has not asked yet; at least the longest
     *                  a request can take from its write to asking (the Kafka timeout)
     */
    public VerdictWaiters(Vertx vertx, Duration timeout, Duration retention) {
        this(vertx, timeout, retention, System::nanoTime);
    }

    VerdictWaiters(Vertx vertx, Duration timeout, Duration retention, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.timeout = timeout;
        this.retentionNanos = retention.toNanos();
        this.nanoTime = nanoTime;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The verdict on the event at {@code position}, or empty when none came within the timeout. */
    public Future<Optional<WinVerdict>> await(EventPosition position) {
        Promise<Optional<WinVerdict>> promise = Promise.promise();
        Waiter waiter = new Waiter(vertx.getOrCreateContext(), promise);
        synchronized (this) {
            Early arrived = early.remove(position);
            if (arrived != null) {
                return Future.succeededFuture(Optional.of(arrived.verdict()));
            }
            if (closed || timeout.isZero()) {
                return Future.succeededFuture(Optional.empty());
            }
            waiting.put(position, waiter);
        }
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            synchronized (this) {
                waiting.remove(position, waiter);
            }
            promise.tryComplete(Optional.empty());
        });
        return promise.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** The verdict on the command at {@code position}; from the reader's thread. */
    public void resolve(EventPosition position, WinVerdict verdict) {
        Waiter waiter;
        synchronized (this) {
            waiter = waiting.remove(position);
            if (waiter == null) {
                long now = nanoTime.getAsLong();
                expireEarly(now);
                early.put(position, new Early(verdict, now));
                return;
            }
        }
        waiter.context().runOnContext(v -> waiter.promise().tryComplete(Optional.of(verdict)));
    }

    /** Answers everyone still waiting at once (PENDING): ingest is stopping. */
    public void close() {
        List<Waiter> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(waiting.values());
            waiting.clear();
            early.clear();
        }
        left.forEach(w -> w.context().runOnContext(v -> w.promise().tryComplete(Optional.empty())));
    }

    /** Requests waiting now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void expireEarly(long now) {
        Iterator<Early> oldestFirst = early.values().iterator();
        while (oldestFirst.hasNext()) {
            Early next = oldestFirst.next();
            if (now - next.atNanos() <= retentionNanos && early.size() < MAX_EARLY) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
