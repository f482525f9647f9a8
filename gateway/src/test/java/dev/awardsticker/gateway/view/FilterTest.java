package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.LA_LA_LAND;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.alertWithdrawn;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.feed;
import static dev.awardsticker.gateway.Fixtures.first;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.winner;
import static dev.awardsticker.gateway.Fixtures.winnerWithdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterTest {
    private static final String ID = "c";
    private static final List<CeremonyUpdate> UPDATES = List.of(
            defined(ID, 1, 1),
            winner(ID, 1, 2, PICTURE, MOONLIGHT, MOONLIGHT),
            winner(ID, 1, 3, DIRECTOR, "Damien Chazelle", LA_LA_LAND),
            tally(ID, 1, 4, MOONLIGHT, 1),
            tally(ID, 1, 5, LA_LA_LAND, 1),
            alert(ID, 1, 6, PICTURE, MOONLIGHT),
            alert(ID, 1, 7, null, LA_LA_LAND),
            winnerWithdrawn(ID, 1, 8, DIRECTOR, "Damien Chazelle", LA_LA_LAND),
            alertWithdrawn(ID, 1, 9, 6),
            alertWithdrawn(ID, 1, 10, 7));
    private static final CeremonyWriter VIEW = new CeremonyWriter(ID, 20);

    static {
        UPDATES.forEach(u -> VIEW.apply(feed(u)));
    }

    /** Seqs of the updates the filter lets through. */
    private static List<Long> passing(Filter filter) {
        return UPDATES.stream().filter(u -> !filter.select(u.changes(), VIEW).isEmpty()).map(CeremonyUpdate::seq)
                .toList();
    }

    @Test
    void noFilterPassesEverything() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), passing(Filter.NONE));
    }

    @Test
    void alertsOnlyPassesRecordAlertsAndTheirWithdrawals() {
        assertEquals(List.of(6L, 7L, 9L, 10L), passing(new Filter(true, Set.of(), Set.of())));
    }

    @Test
    void categoriesPassWinnersWithdrawalsAndAlertsOfThoseCategoriesAndTheDefinition() {
        assertEquals(List.of(1L, 2L, 6L, 9L), passing(new Filter(false, Set.of(PICTURE), Set.of())));
        assertEquals(List.of(1L, 3L, 8L), passing(new Filter(false, Set.of(DIRECTOR), Set.of())));
    }

    @Test
    void worksPassWinnersWithdrawalsTalliesAndAlertsAboutThoseWorks() {
        assertEquals(List.of(1L, 3L, 5L, 7L, 8L, 10L), passing(new Filter(false, Set.of(), Set.of(LA_LA_LAND))));
    }

    @Test
    void criteriaCombine() {
        assertEquals(List.of(6L, 9L), passing(new Filter(true, Set.of(PICTURE), Set.of(MOONLIGHT))));
        assertEquals(List.of(1L), passing(new Filter(false, Set.of(DIRECTOR), Set.of(MOONLIGHT))));
    }

    /** Taking down a banner a client never showed is harmless; leaving one up that it did show is not. */
    @Test
    void aWithdrawalOfAnAlertNoViewKnowsPassesEveryFilter() {
        CeremonyUpdate unknown = alertWithdrawn(ID, 1, 11, 99);
        assertTrue(new Filter(false, Set.of(PICTURE), Set.of(MOONLIGHT)).accepts(VIEW.subjectOf(first(unknown))));
    }

    @Test
    void appliesToSnapshotsAsToUpdates() {
        Snapshot all = VIEW.snapshot();
        assertSame(all, Filter.NONE.apply(all));

        Snapshot alerts = new Filter(true, Set.of(), Set.of()).apply(all);
        assertNull(alerts.state().definition());
        assertEquals(List.of(), alerts.state().winners());
        assertEquals(List.of(), alerts.state().tallies());
        assertEquals(2, alerts.state().alerts().size(), "withdrawn alerts stay listed");
        assertEquals(10, alerts.seq());

        Snapshot moonlight = new Filter(false, Set.of(), Set.of(MOONLIGHT)).apply(all);
        assertNotNull(moonlight.state().definition());
        assertEquals(1, moonlight.state().winners().size());
        assertEquals(MOONLIGHT, moonlight.state().winners().get(0).work());
        assertEquals(MOONLIGHT, moonlight.state().tallies().get(0).name());
        assertEquals(1, moonlight.state().alerts().size());
    }

    /** Types of the changes of a GG74-like win that pass {@code filter}, with a works-filtered leaderboard's works. */
    private static List<String> selected(Filter filter) {
        CeremonyWriter view = new CeremonyWriter("w", 5);
        CeremonyUpdate win = moonlightWinsPicture("w", 1, 2);
        view.apply(feed(definitionEvent("w", 1, 1)));
        view.apply(feed(win));
        List<Change> changes = filter.select(win.changes(), view);
        if (filter.equals(Filter.NONE)) {
            assertSame(win.changes(), changes, "unfiltered: the update's own list, so its shared frame is sent");
        }
        return changes.stream().map(c -> c instanceof LeaderboardChanged board
                ? "LeaderboardChanged" + board.entries().stream().map(Leaderboard.Entry::work).toList()
                : c.getClass().getSimpleName()).toList();
    }

    @Test
    void aFilterKeepsTheChangesOfAnUpdateThatPassInTheirOrder() {
        assertEquals(List.of("WinnerDeclared", "TallyUpdated", "TallyUpdated",
                "LeaderboardChanged[Moonlight, La La Land, Lion]", "RecordAlert", "RecordUpdated"),
                selected(Filter.NONE));
        assertEquals(List.of("RecordAlert", "RecordUpdated"), selected(new Filter(true, Set.of(), Set.of())),
                "alerts only: the alert and the record it announces");
        assertEquals(List.of("WinnerDeclared", "RecordAlert", "RecordUpdated"),
                selected(new Filter(false, Set.of(PICTURE), Set.of())), "no tallies or leaderboard by category");
        assertEquals(List.of("WinnerDeclared", "TallyUpdated", "LeaderboardChanged[Moonlight]", "RecordAlert",
                "RecordUpdated"), selected(new Filter(false, Set.of(), Set.of(MOONLIGHT))),
                "the work's tally and its leaderboard entry only");
        assertEquals(List.of("LeaderboardChanged[La La Land]"),
                selected(new Filter(false, Set.of(), Set.of(LA_LA_LAND))), "its place moved, nothing else of it");
        assertEquals(List.of(), selected(new Filter(false, Set.of(DIRECTOR), Set.of())), "nothing passes");
    }

    @Test
    void snapshotsCarryTheLeaderboardOfTheWorksAFilterWants() {
        Snapshot all = VIEW.snapshot();
        assertNotNull(all.state().leaderboard());
        assertNull(new Filter(true, Set.of(), Set.of()).apply(all).state().leaderboard());
        assertNull(new Filter(false, Set.of(PICTURE), Set.of()).apply(all).state().leaderboard());
    }
}
