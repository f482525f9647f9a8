package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.LeaderboardChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ceremony's standing as the Streams app ranks it, merged from its {@link LeaderboardChanged} deltas: the gateway
 * never ranks itself, so every screen, the REST view and Streams' own {@code ceremony-leaderboard} agree.
 *
 * @param works every work, in the contract's display order: rank, then nominations (most first), then name
 */
public record LeaderboardState(int decided, int total, List<String> remaining, List<Leaderboard.Entry> works) {

    public static final LeaderboardState EMPTY = new LeaderboardState(0, 0, List.of(), List.of());

    public LeaderboardState {
        remaining = List.copyOf(remaining);
        works = List.copyOf(works);
    }

    /** The standing after {@code change}: its entries put, its removed works dropped, reordered. */
    public LeaderboardState apply(LeaderboardChanged change) {
        return new LeaderboardState(change.decided(), change.total(), change.remaining(), change.applyTo(works));
    }

    /** Only these works' entries (what a subscriber filtering on works is shown). */
    public LeaderboardState onlyWorks(Set<String> wanted) {
        return new LeaderboardState(decided, total, remaining,
                works.stream().filter(entry -> wanted.contains(entry.work())).toList());
    }

    /**
     * One delta with the effect of {@code older} then {@code newer}, for a slow client that is sent only the later
     * update: counts and remaining categories from the newer, every work either one touched with its latest values.
     */
    public static LeaderboardChanged merge(LeaderboardChanged older, LeaderboardChanged newer) {
        Map<String, Leaderboard.Entry> entries = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>(older.removed());
        older.entries().forEach(entry -> entries.put(entry.work(), entry));
        for (String work : newer.removed()) {
            entries.remove(work);
            removed.add(work);
        }
        for (Leaderboard.Entry entry : newer.entries()) {
            entries.put(entry.work(), entry);
            removed.remove(entry.work());
        }
        return new LeaderboardChanged(newer.decided(), newer.total(), newer.remaining(),
                new ArrayList<>(entries.values()), new ArrayList<>(removed));
    }

    /**
     * The delta restricted to {@code wanted} works, or null when it touches none of them. Counts and remaining
     * categories stay: they are the ceremony's, not a work's.
     */
    public static LeaderboardChanged onlyWorks(LeaderboardChanged change, Set<String> wanted) {
        List<Leaderboard.Entry> entries = change.entries().stream().filter(e -> wanted.contains(e.work())).toList();
        List<String> removed = change.removed().stream().filter(wanted::contains).toList();
        if (entries.isEmpty() && removed.isEmpty()) {
            return null;
        }
        return new LeaderboardChanged(change.decided(), change.total(), change.remaining(), entries, removed);
    }
}
