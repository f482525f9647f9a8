package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.event.WinVerdict;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs every command (editor event or definition) read from {@code ceremony-commands} with the verdict the
 * Streams app wrote for it (its update on {@code ceremony-updates} or its verdict on {@code win-verdicts}), so that each
 * request gets the verdict on its own record.
 * Definitions are paired like events: the Streams app judges every command of a partition in order and answers each
 * verdict each, and ingest gives every definition an eventId of its own.
 *
 * <p>Why not simply "the next verdict for this eventId": every ingest instance reads every verdict. When two
 * instances (or two requests) submit the same eventId at once, the first verdict they both see is the one on
 * whichever record Kafka stored first (ACCEPTED); handing it to every waiting request would tell two editors
 * they were first. A verdict does not say which record it judges, but two facts pin it down:
 * <ul>
 *   <li>the Streams app writes a verdict with the timestamp of the record it judges (its output keeps the
 *       input's timestamp), so (ceremony, eventId, timestamp) names a handful of records at most, usually one;</li>
 *   <li>it judges a partition's records in offset order and writes one verdict each, keyed like the record, so
 *       verdicts with the same (ceremony, eventId, timestamp) come in the order of their records: first in,
 *       first out.</li>
 * </ul>
 * The timestamp also keeps a verdict on a record written before this instance started reading (whose record
 * it never saw) from pairing with a later record of the same eventId. Either side may be read first; what
 * stays unpaired for longer than {@code retention} (a record the Streams app dead-lettered, a verdict on such an
 * older record) is dropped. Not thread-safe: the reader's thread owns it.
 */
public final class VerdictMatcher {
    /** A verdict and the record it judges. */
    public record Match(EventPosition position, WinVerdict verdict) {}

    private record Key(String ceremony, String eventId, long timestamp) {}

    private record Seen<T>(T item, long atMillis) {}

    private final Map<Key, Deque<Seen<EventPosition>>> events = new HashMap<>();
    private final Map<Key, Deque<Seen<WinVerdict>>> verdicts = new HashMap<>();
    private final long retentionMillis;

    public VerdictMatcher(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    /** A command read at {@code position}, with its record's timestamp; {@code nowMillis} is for expiry. */
    public Optional<Match> event(String ceremony, String eventId, long timestamp, EventPosition position,
                                 long nowMillis) {
        Key key = new Key(ceremony, eventId, timestamp);
        return take(verdicts, key).map(verdict -> new Match(position, verdict))
                .or(() -> keep(events, key, position, nowMillis));
    }

    /** A verdict read with its record's timestamp (that of the event it judges). */
    public Optional<Match> verdict(WinVerdict verdict, long timestamp, long nowMillis) {
        Key key = new Key(verdict.ceremony(), verdict.eventId(), timestamp);
        return take(events, key).map(position -> new Match(position, verdict))
                .or(() -> keep(verdicts, key, verdict, nowMillis));
    }

    /** Drops what has waited longer than the retention for its other half. */
    public void expire(long nowMillis) {
        expire(events, nowMillis);
        expire(verdicts, nowMillis);
    }

    /** Events and verdicts still waiting for their other half. */
    public int unpaired() {
        return events.values().stream().mapToInt(Deque::size).sum()
                + verdicts.values().stream().mapToInt(Deque::size).sum();
    }

    private static <T> Optional<T> take(Map<Key, Deque<Seen<T>>> waiting, Key key) {
        Deque<Seen<T>> queue = waiting.get(key);
        if (queue == null) {
            return Optional.empty();
        }
        T first = queue.removeFirst().item();
        if (queue.isEmpty()) {
            waiting.remove(key);
        }
        return Optional.of(first);
    }

    private static <T> Optional<Match> keep(Map<Key, Deque<Seen<T>>> waiting, Key key, T item, long nowMillis) {
        waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new Seen<>(item, nowMillis));
        return Optional.empty();
    }

    private <T> void expire(Map<Key, Deque<Seen<T>>> waiting, long nowMillis) {
        waiting.values().removeIf(queue -> {
            // Oldest first in each queue: stop at the first one still young enough.
            while (!queue.isEmpty() && nowMillis - queue.peekFirst().atMillis() > retentionMillis) {
                queue.removeFirst();
            }
            return queue.isEmpty();
        });
    }
}
