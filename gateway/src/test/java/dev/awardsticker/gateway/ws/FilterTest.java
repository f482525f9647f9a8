package dev.awardsticker.gateway.ws;

import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.Snapshot;
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
import static dev.awardsticker.gateway.Fixtures.feed;
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
    private static final CeremonyView VIEW = new CeremonyView(ID, 20);

    static {
        UPDATES.forEach(u -> VIEW.apply(feed(u)));
    }

    /** Seqs of the updates the filter lets through. */
    private static List<Long> passing(Filter filter) {
        return UPDATES.stream().filter(u -> filter.accepts(u.change(), VIEW)).map(CeremonyUpdate::seq).toList();
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
        assertTrue(new Filter(false, Set.of(PICTURE), Set.of(MOONLIGHT)).accepts(unknown.change(), VIEW));
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
}
