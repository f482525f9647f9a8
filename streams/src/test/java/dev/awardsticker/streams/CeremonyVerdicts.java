package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.testkit.TopicProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One ceremony's verdicts on a real broker, read as ingest reads them, from the two topics that carry them: an
 * accepted command is answered by its update on ceremony-updates ({@link WinVerdict#accepted}), any other by its
 * record on win-verdicts. Each topic keeps the ceremony's commands in order, but the order across the two is not
 * known: compare per event id, or count.
 */
final class CeremonyVerdicts {
    private CeremonyVerdicts() {}

    /**
     * Polls both probes until at least {@code count} verdicts of {@code ceremony} were seen, then returns all seen so
     * far: the accepted ones (from the updates, in their order), then the others (in theirs).
     */
    static List<WinVerdict> await(TopicProbe updates, TopicProbe verdicts, String ceremony, int count,
                                  Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<WinVerdict> seen = poll(updates, verdicts, ceremony, Duration.ofMillis(1));
            if (seen.size() >= count) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected at least " + count + " verdicts of " + ceremony + " within "
                        + timeout + ", saw " + seen.size() + ": " + seen);
            }
        }
    }

    /** The verdicts of {@code ceremony} seen so far, without polling. */
    static List<WinVerdict> seen(TopicProbe updates, TopicProbe verdicts, String ceremony) {
        return poll(updates, verdicts, ceremony, Duration.ZERO);
    }

    private static List<WinVerdict> poll(TopicProbe updates, TopicProbe verdicts, String ceremony, Duration quiet) {
        List<WinVerdict> all = new ArrayList<>();
        updates.drain(r -> r.key().equals(ceremony), quiet).stream()
                .map(r -> WinVerdict.accepted(Json.read(r.value(), CeremonyUpdate.class))).forEach(all::add);
        verdicts.drain(r -> r.key().equals(ceremony), quiet).stream()
                .map(r -> Json.read(r.value(), WinVerdict.class)).forEach(all::add);
        return all;
    }
}
