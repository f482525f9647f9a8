package dev.awardsticker.contract.update;

import dev.awardsticker.contract.record.RecordHolder;

import java.util.List;

/**
 * A "record" banner. {@code alertId} is stable (derived from ceremony, kind and subject), so a replay or a
 * retry can never raise the same alert twice under two ids.
 *
 * @param subject       the work or person the alert is about
 * @param value         the new value (wins, age in years, or 1 for a first win)
 * @param record        which reference record it rests on (see RecordReference), null for perfect nights
 * @param previousValue the reference value it was compared with
 * @param previousHolders who held the reference record before
 */
public record RecordAlert(String alertId, Kind kind, String headline, String subject, String category, int value,
                          String record, Integer previousValue, List<RecordHolder> previousHolders,
                          String source) implements Change {
    /**
     * {@code RECORD_WATCH}: not a record yet, a record within reach with the categories left (withdrawn once it is
     * out of reach or decided), so a newsroom can prepare copy.
     */
    public enum Kind { RECORD_TIED, RECORD_BROKEN, PERFECT_NIGHT, YOUNGEST_WINNER, OLDEST_WINNER, FIRST_WIN, RECORD_WATCH }

    public RecordAlert {
        previousHolders = previousHolders == null ? List.of() : List.copyOf(previousHolders);
    }
}
