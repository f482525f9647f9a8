package dev.awardsticker.contract.tally;

import java.util.Comparator;
import java.util.List;

/**
 * Where a ceremony stands: how many categories are decided, which are left, and its works ranked by wins.
 * Published on the compacted {@code ceremony-leaderboard} topic (key: ceremony id) each time a win, a correction or
 * a definition changes it, so a reader needs only the latest value.
 *
 * @param epoch     the ceremony's history, as on {@code ceremony-updates}
 * @param seq       the last {@code ceremony-updates} sequence number this standing includes: a reader holding both
 *                  topics can tell which is newer
 * @param remaining names of the categories without a winner, in definition order
 * @param works     every nominated work, best first (see {@link Entry})
 */
public record Leaderboard(String ceremony, long epoch, long seq, int decided, int total, List<String> remaining,
                          List<Entry> works) {
    public Leaderboard {
        remaining = remaining == null ? List.of() : List.copyOf(remaining);
        works = works == null ? List.of() : List.copyOf(works);
    }

    /**
     * One work's place. {@code rank} is by wins only, and works with equal wins share it (1, 1, 3: "competition"
     * ranking); among them the list is ordered by nominations, then name, which is display order, not rank.
     */
    public record Entry(int rank, String work, int wins, int nominations) {}

    /** The order of {@link #works}: rank, then nominations (most first), then work name. */
    public static final Comparator<Entry> DISPLAY_ORDER = Comparator.comparingInt(Entry::rank)
            .thenComparing(Comparator.comparingInt(Entry::nominations).reversed())
            .thenComparing(Entry::work);

    /** The same standing at another position of the ceremony's history. */
    public Leaderboard at(long newEpoch, long newSeq) {
        return new Leaderboard(ceremony, newEpoch, newSeq, decided, total, remaining, works);
    }
}
