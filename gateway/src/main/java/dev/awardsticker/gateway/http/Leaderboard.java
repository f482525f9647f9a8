package dev.awardsticker.gateway.http;

import dev.awardsticker.contract.tally.Leaderboard.Entry;
import dev.awardsticker.gateway.view.LeaderboardState;
import dev.awardsticker.gateway.view.Snapshot;

import java.util.List;

/**
 * The ceremony's standing as the Streams app ranks it (merged from its {@code LeaderboardChanged} deltas; the
 * gateway does not rank): works by rank, then nominations (most first), then name. Every nominated work is listed,
 * including those without a win yet.
 *
 * @param decided   categories with a standing winner
 * @param total     categories of the ceremony (0 until its definition has been seen)
 * @param remaining categories without a winner, in definition order
 */
public record Leaderboard(String ceremony, long epoch, long seq, int decided, int total, List<String> remaining,
                          List<Entry> works) {

    public Leaderboard {
        remaining = List.copyOf(remaining);
        works = List.copyOf(works);
    }

    static Leaderboard of(Snapshot snapshot) {
        LeaderboardState standing = snapshot.state().leaderboard();
        return new Leaderboard(snapshot.ceremony(), snapshot.epoch(), snapshot.seq(), standing.decided(),
                standing.total(), standing.remaining(), standing.works());
    }
}
