package dev.awardsticker.contract.update;

import dev.awardsticker.contract.tally.Leaderboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the ceremony's standing moved (the Streams app ranks once; see {@link Leaderboard} for the rule): the
 * decided count and the remaining categories as they are now, and only the works whose place changed.
 * Applying it to the standing before gives the standing after: put each of {@code entries} (new values), drop
 * {@code removed}, order by rank, then nominations (most first), then work name.
 *
 * @param entries works that are new or whose rank, wins or nominations changed, with their new values
 * @param removed works no longer nominated (a definition fix)
 */
public record LeaderboardChanged(int decided, int total, List<String> remaining, List<Leaderboard.Entry> entries,
                                 List<String> removed) implements Change {
    public LeaderboardChanged {
        remaining = remaining == null ? List.of() : List.copyOf(remaining);
        entries = entries == null ? List.of() : List.copyOf(entries);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** The works of the standing after this change, given those before it, in {@link Leaderboard#DISPLAY_ORDER}. */
    public List<Leaderboard.Entry> applyTo(List<Leaderboard.Entry> before) {
        Map<String, Leaderboard.Entry> byWork = new LinkedHashMap<>();
        before.forEach(entry -> byWork.put(entry.work(), entry));
        removed.forEach(byWork::remove);
        entries.forEach(entry -> byWork.put(entry.work(), entry));
        List<Leaderboard.Entry> works = new ArrayList<>(byWork.values());
        works.sort(Leaderboard.DISPLAY_ORDER);
        return works;
    }
}
