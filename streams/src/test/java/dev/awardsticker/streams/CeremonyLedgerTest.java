package dev.awardsticker.streams;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.streams.ceremony.CeremonyLedger;
import dev.awardsticker.streams.ceremony.CeremonyLedger.Outcome;
import dev.awardsticker.streams.ceremony.CeremonyLedger.Result;
import dev.awardsticker.streams.ceremony.CeremonyState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ceremony's rules alone: (state, command) -> outcome, no Kafka. */
class CeremonyLedgerTest {
    static final String C = "ledger-awards-1";
    static final CeremonyDefinition DEFINITION = TestCeremony.definition(C, "ledger-awards");

    /** The award-records topic as the live app sees it: only what a test puts here (the derived app lags). */
    final Map<String, RecordReference> live = new HashMap<>();
    final Function<String, RecordReference> liveRecords = live::get;
    CeremonyState state;
    int events;

    Outcome define(CeremonyDefinition definition) {
        Outcome outcome = CeremonyLedger.define(state, null, definition, 1000, liveRecords);
        state = outcome.state();
        return outcome;
    }

    Outcome apply(EditorEvent event) {
        Outcome outcome = CeremonyLedger.apply(state, null, event, liveRecords);
        state = outcome.state();
        return outcome;
    }

    Outcome win(String category, String nominee) {
        return apply(new WinAnnounced("e" + ++events, C, category, nominee, false, 1, "ed"));
    }

    static <T extends Change> List<T> of(Outcome outcome, Class<T> type) {
        return outcome.changes().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aDefinitionIsDefinedTalliedAndRankedAndTheSameDefinitionAgainChangesNothing() {
        Outcome first = define(DEFINITION);
        assertEquals(Result.CHANGED, first.result());
        assertEquals(new CeremonyDefined(DEFINITION), first.changes().get(0));
        assertEquals(1000, first.state().epoch());
        assertTrue(of(first, TallyUpdated.class).contains(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 0, 4)));
        LeaderboardChanged board = of(first, LeaderboardChanged.class).get(0);
        assertEquals(List.of(new Leaderboard.Entry(1, "Beta", 0, 4), new Leaderboard.Entry(1, "Alpha", 0, 3),
                new Leaderboard.Entry(1, "Gamma", 0, 1)), board.entries());
        assertEquals(0, board.decided());
        assertEquals(4, board.total());

        CeremonyState held = state;
        Outcome again = CeremonyLedger.define(held, null, TestCeremony.definition(C, "ledger-awards"), 2000, liveRecords);
        assertEquals(Result.UNCHANGED, again.result());
        assertTrue(again.changes().isEmpty());
        assertSame(held, again.state());
    }

    @Test
    void aWinIsOneOutcomeWithTheWinnerItsTalliesAndTheStandingInContractOrder() {
        define(DEFINITION);
        Outcome outcome = win("Best Director", "Alice");
        assertEquals(List.of(WinnerDeclared.class, TallyUpdated.class, TallyUpdated.class, TallyUpdated.class,
                LeaderboardChanged.class), outcome.changes().stream().map(Object::getClass).toList());
        // In the order the subjects first appear in the definition.
        assertEquals(List.of(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 1, 3),
                new TallyUpdated(TallyUpdated.Subject.STUDIO, "Studio A", 1, 3),
                new TallyUpdated(TallyUpdated.Subject.PERSON, "Alice", 1, 1)), of(outcome, TallyUpdated.class));
        LeaderboardChanged moved = of(outcome, LeaderboardChanged.class).get(0);
        assertEquals(List.of(new Leaderboard.Entry(1, "Alpha", 1, 3), new Leaderboard.Entry(2, "Beta", 0, 4),
                new Leaderboard.Entry(2, "Gamma", 0, 1)), moved.entries(), "every work's rank moved");
        assertEquals(List.of("Best Picture", "Best Song", "Best Actor"), moved.remaining());
    }

    @Test
    void refusedEventsKeepTheStateAndSayWhy() {
        Outcome undefined = CeremonyLedger.apply(null, null,
                new WinAnnounced("e0", C, "Best Picture", "Alpha", false, 1, "ed"), liveRecords);
        assertEquals(Result.REJECTED, undefined.result());
        assertEquals("ceremony '" + C + "' is not defined", undefined.reason());
        define(DEFINITION);
        win("Best Picture", "Alpha");
        CeremonyState held = state;
        Outcome second = win("Best Picture", "Beta");
        assertEquals(Result.REJECTED, second.result());
        assertEquals("'Best Picture' is already decided (Alpha); mark the win as a tie or send a correction",
                second.reason());
        assertSame(held, second.state());
        assertTrue(second.changes().isEmpty());
    }

    /**
     * The 89th Academy Awards (TestCeremony's cut: 9 categories): Best Picture read out for La La Land, corrected to
     * Moonlight. The withdrawal says 8 of 9 (Best Picture open again), the declaration 9 of 9.
     */
    @Test
    void theBestPictureCorrectionWithdrawsAtEightOfNineThenDeclaresAtNine() {
        state = null;
        Outcome defined = CeremonyLedger.define(null, null, TestCeremony.oscars89("oscars-89", "academy-awards"), 1,
                liveRecords);
        state = defined.state();
        String[][] night = {{"Best Supporting Actor", "Mahershala Ali"}, {"Best Production Design", "La La Land"},
                {"Best Adapted Screenplay", "Moonlight"}, {"Best Cinematography", "La La Land"},
                {"Best Original Score", "La La Land"}, {"Best Original Song", "City of Stars"},
                {"Best Director", "Damien Chazelle"}, {"Best Actress", "Emma Stone"}, {"Best Picture", "La La Land"}};
        Outcome last = null;
        for (String[] win : night) {
            last = apply(new WinAnnounced("o" + ++events, "oscars-89", win[0], win[1], false, 1, "ed"));
        }
        assertEquals(List.of("oscars-89:perfect-night:La La Land"),
                of(last, RecordAlert.class).stream().map(RecordAlert::alertId).toList());

        Outcome fix = apply(new WinCorrected("fix", "oscars-89", "Best Picture", "La La Land", "Moonlight",
                "wrong envelope", 1, "ed"));
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) fix.changes().get(0);
        WinnerDeclared declared = (WinnerDeclared) fix.changes().get(1);
        assertEquals(List.of("La La Land", "8", "9"), List.of(withdrawn.nominee(), "" + withdrawn.decided(),
                "" + withdrawn.total()));
        assertEquals(List.of("Moonlight", "9", "9"), List.of(declared.nominee(), "" + declared.decided(),
                "" + declared.total()));
        assertEquals(List.of(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 6, 7),
                new TallyUpdated(TallyUpdated.Subject.STUDIO, "Lionsgate", 6, 7),
                new TallyUpdated(TallyUpdated.Subject.WORK, "Moonlight", 3, 6),
                new TallyUpdated(TallyUpdated.Subject.STUDIO, "A24", 3, 6)), of(fix, TallyUpdated.class));
        assertEquals(List.of(new Leaderboard.Entry(1, "La La Land", 6, 7), new Leaderboard.Entry(2, "Moonlight", 3, 6)),
                of(fix, LeaderboardChanged.class).get(0).entries());
        assertEquals(List.of("oscars-89:perfect-night:La La Land"),
                of(fix, AlertWithdrawn.class).stream().map(AlertWithdrawn::alertId).toList());
    }

    @Test
    void aRetractionSaysTheCategoryIsOpenAgain() {
        define(DEFINITION);
        win("Best Picture", "Alpha");
        Outcome taken = apply(new WinRetracted("r", C, "Best Picture", "Alpha", null, 1, "ed"));
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) taken.changes().get(0);
        assertEquals(0, withdrawn.decided());
        assertEquals("retracted", withdrawn.reason());
        assertEquals(1, taken.changes().stream().filter(WinnerWithdrawn.class::isInstance).count());
    }

    /**
     * A record set and corrected away before the derived app has copied it to award-records: the live record the
     * ledger sees is still the old one, yet the correction must publish the record restored.
     */
    @Test
    void aRecordIsPublishedAsARecordUpdatedAndRestoredByACorrectionEvenBeforeAwardRecordsCaughtUp() {
        RecordReference mostWins = TestCeremony.mostWins("ledger-awards");
        live.put(mostWins.key(), mostWins);
        define(DEFINITION);
        assertTrue(of(win("Best Picture", "Alpha"), RecordUpdated.class).isEmpty(), "1 win leaves the record as it is");
        assertEquals(List.of("Old Film", "Alpha"), of(win("Best Director", "Alice"), RecordUpdated.class).get(0)
                .reference().holders().stream().map(RecordHolder::name).toList(), "a tie at 2 shares the record");
        Outcome third = win("Best Song", "Alpha Song");
        RecordReference set = of(third, RecordUpdated.class).get(0).reference();
        assertEquals(3, set.value());
        assertEquals(List.of(new RecordHolder("Alpha", 2020, C)), set.holders());
        assertEquals(RecordUpdated.class, third.changes().get(third.changes().size() - 1).getClass(), "records last");

        Outcome fix = apply(new WinCorrected("fix", C, "Best Song", "Alpha Song", "Beta Song", null, 1, "ed"));
        RecordReference restored = of(fix, RecordUpdated.class).get(0).reference();
        assertEquals(2, restored.value());
        assertEquals(List.of("Old Film", "Alpha"), restored.holders().stream().map(RecordHolder::name).toList());
        assertNull(fix.reason());

        // Down to 1 win: the record is back to what award-records held before the ceremony, and still published,
        // because the derived app will have written the ceremony's tie there in between.
        Outcome back = apply(new WinRetracted("r", C, "Best Picture", "Alpha", null, 1, "ed"));
        assertEquals(List.of(mostWins), of(back, RecordUpdated.class).stream().map(RecordUpdated::reference).toList());
    }

    /** The 89th's cut as it finished (Best Picture: Moonlight), in the order it was read out. */
    static final String[][] NIGHT_89 = {{"Best Supporting Actor", "Mahershala Ali"},
            {"Best Production Design", "La La Land"}, {"Best Adapted Screenplay", "Moonlight"},
            {"Best Cinematography", "La La Land"}, {"Best Original Score", "La La Land"},
            {"Best Original Song", "City of Stars"}, {"Best Director", "Damien Chazelle"},
            {"Best Actress", "Emma Stone"}, {"Best Picture", "Moonlight"}};

    static CeremonyImported imported(String eventId, String[][] night) {
        List<CeremonyImported.Win> wins = java.util.Arrays.stream(night)
                .map(w -> new CeremonyImported.Win(w[0], w[1], false)).toList();
        return new CeremonyImported(eventId, "oscars-89", TestCeremony.oscars89("oscars-89", "academy-awards"), wins, 1,
                "archive", null);
    }

    /** Imported whole, the 89th ends where its wins sent one by one end: one update, the same standing. */
    @Test
    void aCeremonyImportedWholeIsOneUpdateEndingWhereItsWinsOneByOneEnd() {
        Outcome whole = CeremonyLedger.imported(null, null, imported("archive-89", NIGHT_89), 1, liveRecords);
        assertEquals(Result.CHANGED, whole.result());
        assertEquals(CeremonyDefined.class, whole.changes().get(0).getClass());
        List<WinnerDeclared> declared = of(whole, WinnerDeclared.class);
        assertEquals(java.util.Arrays.stream(NIGHT_89).map(w -> w[1]).toList(),
                declared.stream().map(WinnerDeclared::nominee).toList(), "every winner, in the order read out");
        assertEquals(List.of(1, 9), List.of(declared.get(0).decided(), declared.get(8).decided()));
        // The 89th: La La Land won 6 of its 7 nominations in this cut, Moonlight 3 of 6.
        assertTrue(of(whole, TallyUpdated.class).containsAll(List.of(
                new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 6, 7),
                new TallyUpdated(TallyUpdated.Subject.WORK, "Moonlight", 3, 6))), () -> "" + whole.changes());

        state = CeremonyLedger.define(null, null, TestCeremony.oscars89("oscars-89", "academy-awards"), 1,
                liveRecords).state();
        for (String[] win : NIGHT_89) {
            apply(new WinAnnounced("o" + ++events, "oscars-89", win[0], win[1], false, 1, "archive"));
        }
        assertEquals(state.winners().keySet(), whole.state().winners().keySet());
        assertEquals(state.alerts(), whole.state().alerts());
        assertEquals(CeremonyLedger.tallies(state), whole.tallies());
    }

    @Test
    void anImportNeverOverwritesAndAWinThatDoesNotFitRefusesTheWholeCeremony() {
        Outcome whole = CeremonyLedger.imported(null, null, imported("archive-89", NIGHT_89), 1, liveRecords);
        Outcome again = CeremonyLedger.imported(whole.state(), whole.tallies(), imported("archive-89", NIGHT_89), 2,
                liveRecords);
        assertEquals(Result.UNCHANGED, again.result());
        assertSame(whole.state(), again.state());

        String[][] wrongEnvelope = NIGHT_89.clone();
        wrongEnvelope[8] = new String[] {"Best Picture", "La La Land"};
        Outcome other = CeremonyLedger.imported(whole.state(), whole.tallies(), imported("archive-89b", wrongEnvelope),
                2, liveRecords);
        assertEquals(Result.REJECTED, other.result());
        assertTrue(other.reason().contains("already in the ticker with other results"), other.reason());
        assertSame(whole.state(), other.state());

        String[][] twice = NIGHT_89.clone();
        twice[2] = new String[] {"Best Production Design", "Moonlight"};
        Outcome refused = CeremonyLedger.imported(null, null, imported("archive-89c", twice), 1, liveRecords);
        assertEquals(Result.REJECTED, refused.result());
        assertTrue(refused.reason().startsWith("win 3 of 9 does not fit"), refused.reason());
        assertNull(refused.state(), "nothing of the ceremony was kept");
    }
}
