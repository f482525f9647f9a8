package dev.awardsticker.contract.update;

import java.util.List;

/**
 * One editor event (or definition) and all of its consequences, on {@code ceremony-updates}: the unit a screen
 * applies whole or not at all.
 *
 * @param epoch      identifies one history of the ceremony; it changes only if that history is reset
 *                   (topics recreated), and then sequence numbers start again
 * @param seq        1, 2, 3... per ceremony without gaps, one per update (not per change), assigned by the
 *                   Streams app under exactly-once, so every reader sees the same numbers and can tell when it
 *                   missed something
 * @param eventId    the editor event (or posted definition) that caused it
 * @param ingestedAt epoch millis when ingest accepted that event; end-to-end latency is measured from it
 * @param changes    what the event changed, in order: the definition or the winner declared/withdrawn first, then
 *                   every tally that moved, the leaderboard's change, records set, alerts raised or withdrawn
 */
public record CeremonyUpdate(String ceremony, long epoch, long seq, String eventId, long ingestedAt,
                             List<Change> changes) {
    public CeremonyUpdate {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The same update carrying other changes (a filtered or merged view of it); position and cause stay. */
    public CeremonyUpdate withChanges(List<Change> others) {
        return new CeremonyUpdate(ceremony, epoch, seq, eventId, ingestedAt, others);
    }

    /** The changes of one type, in order. */
    public <T extends Change> List<T> changesOf(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
