package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.event.WinVerdict.Status;
import dev.awardsticker.ingest.verdict.VerdictMatcher.Match;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pairing events and verdicts as the reader feeds them, with no Kafka: each request must get its own verdict. */
class VerdictMatcherTest {
    private static final long T = 1_483_923_780_000L;
    private final VerdictMatcher matcher = new VerdictMatcher(Duration.ofSeconds(10));

    private static EventPosition at(long offset) {
        return new EventPosition(1, offset);
    }

    private static WinVerdict verdict(String eventId, Status status, long firstSeq) {
        return new WinVerdict("gg", eventId, status, status == Status.ACCEPTED ? null : "why", firstSeq);
    }

    @Test
    void aVerdictReadAfterItsEventIsPairedWithIt() {
        assertEquals(Optional.empty(), matcher.event("gg", "w1", T, at(5), 0));
        WinVerdict accepted = verdict("w1", Status.ACCEPTED, 3);
        assertEquals(Optional.of(new Match(at(5), accepted)), matcher.verdict(accepted, T, 0));
        assertEquals(0, matcher.unpaired());
    }

    @Test
    void aVerdictReadBeforeItsEventWaitsForIt() {
        WinVerdict accepted = verdict("w1", Status.ACCEPTED, 3);
        assertEquals(Optional.empty(), matcher.verdict(accepted, T, 0));
        assertEquals(Optional.of(new Match(at(5), accepted)), matcher.event("gg", "w1", T, at(5), 0));
    }

    @Test
    void theSameEventIdSentTwiceInOneMillisecondIsPairedFirstInFirstOut() {
        // Two instances (or two requests) sent "w1" at once: the Streams app judged offset 5 first.
        matcher.event("gg", "w1", T, at(5), 0);
        matcher.event("gg", "w1", T, at(6), 0);
        WinVerdict accepted = verdict("w1", Status.ACCEPTED, 3);
        WinVerdict duplicate = verdict("w1", Status.DUPLICATE, 3);
        assertEquals(Optional.of(new Match(at(5), accepted)), matcher.verdict(accepted, T, 0));
        assertEquals(Optional.of(new Match(at(6), duplicate)), matcher.verdict(duplicate, T, 0));
    }

    @Test
    void theVerdictOnAnotherSubmitOfTheSameEventIdIsNotTaken() {
        // Offset 5 was sent at T, offset 6 (this instance's) a millisecond later: the first verdict is not ours.
        matcher.event("gg", "w1", T, at(5), 0);
        matcher.event("gg", "w1", T + 1, at(6), 0);
        WinVerdict accepted = verdict("w1", Status.ACCEPTED, 3);
        WinVerdict duplicate = verdict("w1", Status.DUPLICATE, 3);
        assertEquals(new Match(at(5), accepted), matcher.verdict(accepted, T, 0).orElseThrow());
        assertEquals(new Match(at(6), duplicate), matcher.verdict(duplicate, T + 1, 0).orElseThrow());
    }

    @Test
    void aVerdictOnAnEventWrittenBeforeReadingStartedIsNeverPairedAndExpires() {
        // Its event came before our cut; the next submit of the same id must not get it.
        matcher.verdict(verdict("w1", Status.ACCEPTED, 3), T - 5000, 0);
        assertEquals(Optional.empty(), matcher.event("gg", "w1", T, at(9), 0));
        matcher.expire(10_001);
        assertEquals(0, matcher.unpaired());
    }

    @Test
    void otherCeremoniesAndEventIdsDoNotPair() {
        matcher.event("gg", "w1", T, at(5), 0);
        assertEquals(Optional.empty(), matcher.verdict(verdict("w2", Status.ACCEPTED, 3), T, 0));
        assertEquals(Optional.empty(), matcher.verdict(new WinVerdict("oscars", "w1", Status.ACCEPTED, null, 3), T, 0));
        assertEquals(3, matcher.unpaired());
    }

    @Test
    void keepsUnpairedHalvesForTheRetentionOnly() {
        matcher.event("gg", "w1", T, at(5), 1000);
        matcher.expire(11_000);
        assertEquals(1, matcher.unpaired());
        matcher.expire(11_001);
        assertEquals(0, matcher.unpaired());
    }
}
