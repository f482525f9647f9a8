package dev.awardsticker.gateway.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.view.CeremonyWriter.Outcome;
import dev.awardsticker.gateway.view.Catchup.Reset;
import dev.awardsticker.gateway.view.Catchup.Resumed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.LA_LA_LAND;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.alertWithdrawn;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.feed;
import static dev.awardsticker.gateway.Fixtures.first;
import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.update;
import static dev.awardsticker.gateway.Fixtures.winner;
import static dev.awardsticker.gateway.Fixtures.winnerWithdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CeremonyWriterTest {
    private static final String ID = "golden-globes-74";
    private static final long EPOCH = 42;

    private final CeremonyWriter view = new CeremonyWriter(ID, 3);

    private Outcome apply(CeremonyUpdate update) {
        return view.apply(feed(update));
    }

    private void applyAll(List<CeremonyUpdate> updates) {
        updates.forEach(u -> assertEquals(Outcome.APPLIED, apply(u), "seq " + u.seq()));
    }

    /** A win is one update: its winner, tallies, leaderboard change, record and alert all apply, in one step. */
    @Test
    void appliesAnUpdateWholeIncludingItsLeaderboardDelta() {
        applyAll(List.of(definitionEvent(ID, EPOCH, 1), moonlightWinsPicture(ID, EPOCH, 2)));
        CeremonyState state = view.snapshot().state();
        assertEquals(2, view.lastSeq());
        assertEquals(List.of(MOONLIGHT), winnerNames());
        assertEquals(List.of("WORK Moonlight 1", "STUDIO A24 1"), state.tallies().stream()
                .map(t -> t.subject() + " " + t.name() + " " + t.wins()).toList());
        assertEquals(List.of("alert-2"), alertIds());
        LeaderboardState board = state.leaderboard();
        assertEquals(1, board.decided());
        assertEquals(2, board.total());
        assertEquals(List.of(DIRECTOR), board.remaining());
        assertEquals(List.of("1 Moonlight 1", "2 La La Land 0", "2 Lion 0"), standing());

        applyAll(List.of(chazelleWinsDirector(ID, EPOCH, 3)));
        assertEquals(List.of("1 Moonlight 1", "1 La La Land 1", "3 Lion 0"), standing(),
                "by rank, then nominations (most first), then name");
        assertEquals(List.of(), view.snapshot().state().leaderboard().remaining());
    }

    /** The 89th Academy Awards' Best Picture: one update withdraws La La Land and declares Moonlight. */
    @Test
    void aCorrectionInOneUpdateWithdrawsThenDeclares() {
        applyAll(List.of(defined(ID, EPOCH, 1), winner(ID, EPOCH, 2, PICTURE, LA_LA_LAND, LA_LA_LAND),
                update(ID, EPOCH, 3,
                        new WinnerWithdrawn(PICTURE, LA_LA_LAND, LA_LA_LAND, "wrong envelope", "editor-2", 0, 2),
                        new WinnerDeclared(PICTURE, MOONLIGHT, MOONLIGHT, List.of(), "A24", false, "editor-2", 1, 2))));
        assertEquals(List.of(MOONLIGHT), winnerNames());
    }

    @Test
    void aLeaderboardDeltaDropsRemovedWorks() {
        applyAll(List.of(definitionEvent(ID, EPOCH, 1), update(ID, EPOCH, 2, new LeaderboardChanged(0, 2,
                List.of(PICTURE, DIRECTOR), List.of(new Leaderboard.Entry(1, "Fences", 0, 1)), List.of("Lion")))));
        assertEquals(List.of("1 Moonlight 0", "1 Fences 0", "1 La La Land 0"), standing());
    }

    @Test
    void startsEmptyAtEpochAndSeqZero() {
        Snapshot snapshot = view.snapshot();
        assertEquals(0, snapshot.epoch());
        assertEquals(0, snapshot.seq());
        assertEquals(CeremonyState.EMPTY, snapshot.state());
        assertNull(view.title());
    }

    @Test
    void buildsStateFromEveryKindOfChange() {
        applyAll(List.of(defined(ID, EPOCH, 1),
                winner(ID, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT),
                tally(ID, EPOCH, 3, MOONLIGHT, 1),
                alert(ID, EPOCH, 4, PICTURE, MOONLIGHT),
                tally(ID, EPOCH, 5, MOONLIGHT, 2),
                alert(ID, EPOCH, 6, DIRECTOR, LA_LA_LAND)));

        Snapshot snapshot = view.snapshot();
        assertEquals(EPOCH, snapshot.epoch());
        assertEquals(6, snapshot.seq());
        assertEquals("Test Awards " + ID, view.title());
        assertEquals(List.of(MOONLIGHT), snapshot.state().winners().stream().map(WinnerDeclared::nominee).toList());
        assertEquals(1, snapshot.state().tallies().size(), "tallies conflate per subject");
        assertEquals(2, snapshot.state().tallies().get(0).wins());
        assertEquals(List.of("alert-4", "alert-6"), alertIds());
    }

    @Test
    void keepsEveryWinnerOfATieAndANomineeDeclaredAgainReplacesItself() {
        applyAll(List.of(defined(ID, EPOCH, 1), winner(ID, EPOCH, 2, DIRECTOR, "Damien Chazelle", LA_LA_LAND)));
        apply(update(ID, EPOCH, 3, new WinnerDeclared(DIRECTOR, "Barry Jenkins", MOONLIGHT, List.of(), "A24", true,
                "editor-1", 1, 2)));
        assertEquals(List.of("Damien Chazelle", "Barry Jenkins"), winnerNames());

        apply(update(ID, EPOCH, 4, new WinnerDeclared(DIRECTOR, "Barry Jenkins", MOONLIGHT, List.of(), "A24", false,
                "editor-2", 1, 2)));
        assertEquals(List.of("Damien Chazelle", "Barry Jenkins"), winnerNames(), "same nominee replaces itself");
        assertEquals("editor-2", view.snapshot().state().winners().get(1).editor());
    }

    /** The 89th Academy Awards: La La Land announced, Moonlight the winner. */
    @Test
    void aCorrectionWithdrawsTheWrongWinnerThenDeclaresTheRightOne() {
        applyAll(List.of(defined(ID, EPOCH, 1), winner(ID, EPOCH, 2, PICTURE, LA_LA_LAND, LA_LA_LAND),
                winner(ID, EPOCH, 3, DIRECTOR, "Damien Chazelle", LA_LA_LAND),
                winnerWithdrawn(ID, EPOCH, 4, PICTURE, LA_LA_LAND, LA_LA_LAND)));
        assertEquals(List.of("Damien Chazelle"), winnerNames(), "withdrawn: the category is undecided again");

        applyAll(List.of(winner(ID, EPOCH, 5, PICTURE, MOONLIGHT, MOONLIGHT)));
        assertEquals(List.of("Damien Chazelle", MOONLIGHT), winnerNames(), "declared in that order");
    }

    @Test
    void correctingOneWinnerOfATieLeavesTheOtherStanding() {
        applyAll(List.of(defined(ID, EPOCH, 1), winner(ID, EPOCH, 2, DIRECTOR, "Damien Chazelle", LA_LA_LAND),
                update(ID, EPOCH, 3, new WinnerDeclared(DIRECTOR, "Barry Jenkins", MOONLIGHT, List.of(), "A24", true,
                        "editor-1", 1, 2)),
                winnerWithdrawn(ID, EPOCH, 4, DIRECTOR, "Damien Chazelle", LA_LA_LAND),
                // The Streams app gives the replacement the tie flag of the winner it replaces: here false.
                winner(ID, EPOCH, 5, DIRECTOR, "Kenneth Lonergan", "Manchester by the Sea")));
        assertEquals(List.of("Barry Jenkins", "Kenneth Lonergan"), winnerNames());
    }

    @Test
    void aWithdrawnAlertStaysListedAndFlaggedWithItsReason() throws Exception {
        applyAll(List.of(defined(ID, EPOCH, 1), alert(ID, EPOCH, 2, PICTURE, MOONLIGHT),
                alert(ID, EPOCH, 3, DIRECTOR, LA_LA_LAND), alertWithdrawn(ID, EPOCH, 4, 2)));

        List<AlertState> alerts = view.snapshot().state().alerts();
        assertEquals(List.of("alert-2", "alert-3"), alertIds(), "still listed, in the order raised");
        assertTrue(alerts.get(0).withdrawn());
        assertEquals("no longer true: the win was corrected", alerts.get(0).withdrawnReason());
        assertFalse(alerts.get(1).withdrawn());

        JsonNode json = Json.MAPPER.readTree(Json.text(view.snapshot())).path("state").path("alerts");
        assertEquals("RecordAlert", json.get(0).path("type").asText(), "the alert's own fields, flat");
        assertEquals(MOONLIGHT + " breaks a record", json.get(0).path("headline").asText());
        assertTrue(json.get(0).path("withdrawn").asBoolean());
        assertEquals("no longer true: the win was corrected", json.get(0).path("withdrawnReason").asText());
        assertFalse(json.get(1).path("withdrawn").asBoolean());
        assertTrue(json.get(1).path("withdrawnReason").isNull());
    }

    @Test
    void anAlertRaisedAgainAfterItsWithdrawalStandsAgainAtTheEnd() {
        applyAll(List.of(defined(ID, EPOCH, 1), alert(ID, EPOCH, 2, PICTURE, MOONLIGHT),
                alert(ID, EPOCH, 3, DIRECTOR, LA_LA_LAND), alertWithdrawn(ID, EPOCH, 4, 2)));
        RecordAlert again = (RecordAlert) first(alert(ID, EPOCH, 2, PICTURE, MOONLIGHT));
        applyAll(List.of(update(ID, EPOCH, 5, again)));
        assertEquals(List.of("alert-3", "alert-2"), alertIds());
        assertFalse(view.snapshot().state().alerts().get(1).withdrawn());
    }

    @Test
    void withdrawalsOfUnknownWinnersOrAlertsChangeNothing() {
        applyAll(List.of(defined(ID, EPOCH, 1), winner(ID, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT),
                winnerWithdrawn(ID, EPOCH, 3, PICTURE, "Lion", "Lion"),
                winnerWithdrawn(ID, EPOCH, 4, DIRECTOR, "Barry Jenkins", MOONLIGHT),
                alertWithdrawn(ID, EPOCH, 5, 99)));
        assertEquals(List.of(MOONLIGHT), winnerNames());
        assertEquals(List.of(), alertIds());
        assertEquals(5, view.lastSeq(), "still applied: the seq moves on");
    }

    @Test
    void aFilterJudgesAnAlertWithdrawalAsTheAlertItWithdraws() {
        applyAll(List.of(defined(ID, EPOCH, 1), alert(ID, EPOCH, 2, PICTURE, MOONLIGHT)));
        AlertWithdrawn known = (AlertWithdrawn) first(alertWithdrawn(ID, EPOCH, 3, 2));
        assertSame(view.snapshot().state().alerts().get(0).alert(), view.subjectOf(known));
        AlertWithdrawn unknown = (AlertWithdrawn) first(alertWithdrawn(ID, EPOCH, 3, 99));
        assertSame(unknown, view.subjectOf(unknown));
    }

    private List<String> alertIds() {
        return view.snapshot().state().alerts().stream().map(a -> a.alert().alertId()).toList();
    }

    private List<String> winnerNames() {
        return view.snapshot().state().winners().stream().map(WinnerDeclared::nominee).toList();
    }

    @Test
    void ignoresDuplicates() {
        applyAll(history(ID, EPOCH, 3));
        assertEquals(Outcome.DUPLICATE, apply(history(ID, EPOCH, 3).get(1)));
        assertEquals(Outcome.DUPLICATE, apply(history(ID, EPOCH, 3).get(2)));
        assertEquals(3, view.lastSeq());
        assertEquals(1, view.snapshot().state().winners().size());
    }

    @Test
    void doesNotApplyAcrossAGap() {
        applyAll(history(ID, EPOCH, 2));
        assertEquals(Outcome.GAP, apply(history(ID, EPOCH, 5).get(4)));
        assertEquals(2, view.lastSeq());
        assertEquals(Outcome.APPLIED, apply(history(ID, EPOCH, 3).get(2)), "the missing update still fits");
    }

    @Test
    void aFirstUpdateOtherThanSeqOneIsAGap() {
        assertEquals(Outcome.GAP, apply(history(ID, EPOCH, 2).get(1)));
        assertEquals(0, view.lastSeq());
    }

    @Test
    void aNewEpochStartingAtSeqOneResetsTheView() {
        applyAll(history(ID, EPOCH, 4));
        assertEquals(Outcome.RESET, apply(defined(ID, EPOCH + 1, 1)));
        Snapshot snapshot = view.snapshot();
        assertEquals(EPOCH + 1, snapshot.epoch());
        assertEquals(1, snapshot.seq());
        assertTrue(snapshot.state().winners().isEmpty());
        assertTrue(snapshot.state().alerts().isEmpty());
        assertInstanceOf(Reset.class, view.resume(EPOCH, 4));
    }

    @Test
    void aNewEpochNotStartingAtSeqOneIsAGap() {
        applyAll(history(ID, EPOCH, 2));
        assertEquals(Outcome.GAP, apply(history(ID, EPOCH + 1, 3).get(2)));
        assertEquals(EPOCH, view.epoch());
    }

    @Test
    void resumesWithExactlyTheMissedUpdates() {
        applyAll(history(ID, EPOCH, 5));
        Resumed resumed = assertInstanceOf(Resumed.class, view.resume(EPOCH, 3));
        assertEquals(4, resumed.fromSeq());
        assertEquals(List.of(4L, 5L), resumed.missed().stream().map(FeedUpdate::seq).toList());

        Resumed upToDate = assertInstanceOf(Resumed.class, view.resume(EPOCH, 5));
        assertEquals(6, upToDate.fromSeq());
        assertTrue(upToDate.missed().isEmpty());
    }

    @Test
    void theOldestBufferedUpdateIsStillResumable() {
        applyAll(history(ID, EPOCH, 5)); // buffer of 3 holds 3, 4, 5
        Resumed resumed = assertInstanceOf(Resumed.class, view.resume(EPOCH, 2));
        assertEquals(List.of(3L, 4L, 5L), resumed.missed().stream().map(FeedUpdate::seq).toList());
    }

    @Test
    void refusesToResumeTooOldAheadOrAnotherEpoch() {
        applyAll(history(ID, EPOCH, 5));
        assertTrue(assertInstanceOf(Reset.class, view.resume(EPOCH, 1)).reason().contains("too old"));
        assertTrue(assertInstanceOf(Reset.class, view.resume(EPOCH, 6)).reason().contains("ahead"));
        assertTrue(assertInstanceOf(Reset.class, view.resume(EPOCH + 1, 5)).reason().contains("epoch"));
    }

    @Test
    void anEmptyViewResumesAClientThatSawNothingYet() {
        Resumed resumed = assertInstanceOf(Resumed.class, view.resume(0, 0));
        assertEquals(1, resumed.fromSeq());
        assertTrue(resumed.missed().isEmpty());
        assertInstanceOf(Reset.class, view.resume(EPOCH, 3), "a gateway that has not caught up cannot resume");
    }

    @Test
    void ringBufferWrapsAroundManyTimes() {
        applyAll(history(ID, EPOCH, 100));
        Resumed resumed = assertInstanceOf(Resumed.class, view.resume(EPOCH, 97));
        assertEquals(List.of(98L, 99L, 100L), resumed.missed().stream().map(FeedUpdate::seq).toList());
        assertInstanceOf(Reset.class, view.resume(EPOCH, 96));
    }

    /** "rank work wins" in the standing's order. */
    private List<String> standing() {
        return view.snapshot().state().leaderboard().works().stream()
                .map(e -> e.rank() + " " + e.work() + " " + e.wins()).toList();
    }
}
