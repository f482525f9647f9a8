package dev.awardsticker.streams;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.streams.ceremony.Winner;
import dev.awardsticker.streams.leaderboard.LeaderboardDelta;
import dev.awardsticker.streams.leaderboard.Leaderboards;
import dev.awardsticker.streams.tally.Tallies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The standing as a delta (live app) and merged back (derived app): one inverse of the other. */
class LeaderboardDeltaTest {
    static final CeremonyDefinition DEFINITION = TestCeremony.definition("delta-1", "delta");

    static Leaderboard board(CeremonyDefinition definition, Map<String, List<Winner>> winners) {
        return Leaderboards.of(definition, c -> winners.getOrDefault(c, List.of()),
                Tallies.of(definition, c -> winners.getOrDefault(c, List.of())));
    }

    static Winner w(String nominee) {
        return new Winner(nominee, "e", false, "ed");
    }

    @Test
    void theFirstStandingIsEveryWorkAndMergesToItself() {
        Leaderboard first = board(DEFINITION, Map.of());
        LeaderboardChanged all = LeaderboardDelta.between(null, first).orElseThrow();
        assertEquals(first.works(), all.entries());
        assertEquals(first.at(7, 1), LeaderboardDelta.apply(null, "delta-1", 7, 1, all));
    }

    @Test
    void aWinCarriesOnlyTheWorksWhosePlaceMovedAndMergesToTheStandingAfter() {
        Leaderboard before = board(DEFINITION, Map.of("Best Picture", List.of(w("Alpha")), "Best Actor",
                List.of(w("Finn"))));
        Leaderboard after = board(DEFINITION, Map.of("Best Picture", List.of(w("Alpha")), "Best Actor",
                List.of(w("Finn")), "Best Director", List.of(w("Alice"))));
        LeaderboardChanged moved = LeaderboardDelta.between(before, after).orElseThrow();
        // Alpha goes to 2 wins; Gamma drops from a shared 1st to 2nd; Beta (3rd, 0 wins) stays where it was.
        assertEquals(List.of(new Leaderboard.Entry(1, "Alpha", 2, 3), new Leaderboard.Entry(2, "Gamma", 1, 1)),
                moved.entries());
        assertEquals(List.of(), moved.removed());
        assertEquals(List.of("Best Song"), moved.remaining());
        assertEquals(after.at(1, 4), LeaderboardDelta.apply(before.at(1, 3), "delta-1", 1, 4, moved));
    }

    @Test
    void nothingMovedIsNoDelta() {
        Leaderboard board = board(DEFINITION, Map.of("Best Picture", List.of(w("Alpha"))));
        assertEquals(Optional.empty(), LeaderboardDelta.between(board, board(DEFINITION,
                Map.of("Best Picture", List.of(w("Alpha"))))));
    }

    @Test
    void aWorkNoLongerNominatedIsRemoved() {
        CeremonyDefinition withoutGamma = new CeremonyDefinition("delta-1", "delta", DEFINITION.title(), 1,
                DEFINITION.date(), DEFINITION.broadcaster(), DEFINITION.categories().stream()
                .map(c -> !c.name().equals("Best Actor") ? c
                        : new Category(c.name(), List.of(c.nominees().get(0), new Nominee("Finn", "Beta", List.of(), null))))
                .toList());
        Leaderboard before = board(DEFINITION, Map.of());
        Leaderboard after = board(withoutGamma, Map.of());
        LeaderboardChanged moved = LeaderboardDelta.between(before, after).orElseThrow();
        assertEquals(List.of("Gamma"), moved.removed());
        assertEquals(List.of(new Leaderboard.Entry(1, "Beta", 0, 5)), moved.entries());
        assertEquals(after.at(1, 2), LeaderboardDelta.apply(before.at(1, 1), "delta-1", 1, 2, moved));
    }
}
