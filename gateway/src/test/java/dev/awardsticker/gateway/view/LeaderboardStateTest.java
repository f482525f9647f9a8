package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.tally.Leaderboard.Entry;
import dev.awardsticker.contract.update.LeaderboardChanged;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LeaderboardStateTest {
    private static final LeaderboardChanged OPENING = new LeaderboardChanged(0, 3, List.of("A", "B", "C"), List.of(
            new Entry(1, "Moonlight", 0, 6), new Entry(1, "La La Land", 0, 7), new Entry(1, "Lion", 0, 4)), List.of());
    private static final LeaderboardChanged FIRST_WIN = new LeaderboardChanged(1, 3, List.of("B", "C"), List.of(
            new Entry(1, "Moonlight", 1, 6), new Entry(2, "La La Land", 0, 7), new Entry(2, "Lion", 0, 4)), List.of());
    /** A definition fix: Lion is no longer nominated, Fences is. */
    private static final LeaderboardChanged FIX = new LeaderboardChanged(1, 3, List.of("B", "C"), List.of(
            new Entry(2, "Fences", 0, 1)), List.of("Lion"));
    private static final LeaderboardChanged SECOND_WIN = new LeaderboardChanged(2, 3, List.of("C"), List.of(
            new Entry(1, "La La Land", 1, 7)), List.of());

    @Test
    void appliesADeltaInTheContractsOrder() {
        LeaderboardState standing = LeaderboardState.EMPTY.apply(OPENING);
        assertEquals(List.of("La La Land", "Moonlight", "Lion"), works(standing), "rank, then most nominations");
        standing = standing.apply(FIRST_WIN).apply(FIX).apply(SECOND_WIN);
        assertEquals(List.of("La La Land", "Moonlight", "Fences"), works(standing));
        assertEquals(2, standing.decided());
        assertEquals(List.of("C"), standing.remaining());
    }

    /** What a slow client is sent instead of several deltas must leave it where all of them would. */
    @Test
    void aMergedDeltaHasTheEffectOfBoth() {
        LeaderboardState start = LeaderboardState.EMPTY.apply(OPENING);
        List<LeaderboardChanged> later = List.of(FIRST_WIN, FIX, SECOND_WIN);
        LeaderboardState stepByStep = start;
        LeaderboardChanged merged = null;
        for (LeaderboardChanged delta : later) {
            stepByStep = stepByStep.apply(delta);
            merged = merged == null ? delta : LeaderboardState.merge(merged, delta);
        }
        assertEquals(stepByStep, start.apply(merged));
        // Removed, then nominated again by a later fix: it stands.
        LeaderboardChanged back = new LeaderboardChanged(2, 3, List.of("C"), List.of(new Entry(3, "Lion", 0, 4)),
                List.of());
        assertEquals(stepByStep.apply(back), start.apply(LeaderboardState.merge(merged, back)));
    }

    @Test
    void aWorksFilterKeepsOnlyItsWorks() {
        assertEquals(List.of(new Entry(1, "Moonlight", 1, 6)),
                LeaderboardState.onlyWorks(FIRST_WIN, Set.of("Moonlight")).entries());
        assertEquals(List.of("Lion"), LeaderboardState.onlyWorks(FIX, Set.of("Lion")).removed());
        assertNull(LeaderboardState.onlyWorks(SECOND_WIN, Set.of("Moonlight")), "nothing of it moved");
    }

    private static List<String> works(LeaderboardState standing) {
        return standing.works().stream().map(Entry::work).toList();
    }
}
