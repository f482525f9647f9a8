package dev.awardsticker.streams.ceremony;

/**
 * Told what became of each processed input, for the operator's metrics ({@code ticker_streams_events_total}).
 *
 * <p>Called from the processor, once per processing of a record. Under exactly-once the outputs of a record commit
 * once, but after a crash its processing is repeated from the last commit, so a record may be counted twice here.
 * Fine for an operator's gauge; never use it for tallies (those come from the committed state).
 */
@FunctionalInterface
public interface EventOutcomes {
    String ACCEPTED = "accepted";
    String DUPLICATE = "duplicate";
    String REJECTED = "rejected";
    String DEAD_LETTERED = "dead_lettered";
    /** A ceremony definition was applied (kept apart from editor events, so "accepted" counts wins and corrections). */
    String DEFINED = "defined";

    EventOutcomes NONE = outcome -> { };

    void count(String outcome);
}
