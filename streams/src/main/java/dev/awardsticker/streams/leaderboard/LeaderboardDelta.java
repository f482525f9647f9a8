package dev.awardsticker.streams.leaderboard;

import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.LeaderboardChanged;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A standing as a delta and back: the live app publishes only the works whose place moved
 * ({@link #between}), the derived app merges the deltas into the full standing ({@link #apply}). The two are
 * inverse: {@code apply(before, between(before, after))} is {@code after}.
 */
public final class LeaderboardDelta {
    private LeaderboardDelta() {}

    /**
     * How the standing moved from {@code before} (null: none yet, every work is new) to {@code after}; empty when
     * it did not move, so a refused or no-op event wakes no leaderboard reader.
     */
    public static Optional<LeaderboardChanged> between(Leaderboard before, Leaderboard after) {
        Map<String, Leaderboard.Entry> old = byWork(before == null ? List.of() : before.works());
        List<Leaderboard.Entry> entries = after.works().stream()
                .filter(e -> !e.equals(old.get(e.work()))).toList();
        Map<String, Leaderboard.Entry> now = byWork(after.works());
        List<String> removed = old.keySet().stream().filter(work -> !now.containsKey(work)).toList();
        if (before != null && entries.isEmpty() && removed.isEmpty() && before.decided() == after.decided()
                && before.total() == after.total() && before.remaining().equals(after.remaining())) {
            return Optional.empty();
        }
        return Optional.of(new LeaderboardChanged(after.decided(), after.total(), after.remaining(), entries, removed));
    }

    /** The standing after {@code change}, at update {@code seq} of {@code epoch}; {@code before} null: none yet. */
    public static Leaderboard apply(Leaderboard before, String ceremony, long epoch, long seq,
                                    LeaderboardChanged change) {
        List<Leaderboard.Entry> works = change.applyTo(before == null ? List.of() : before.works());
        return new Leaderboard(ceremony, epoch, seq, change.decided(), change.total(), change.remaining(), works);
    }

    private static Map<String, Leaderboard.Entry> byWork(List<Leaderboard.Entry> entries) {
        Map<String, Leaderboard.Entry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.work(), e));
        return map;
    }
}
