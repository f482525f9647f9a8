package dev.awardsticker.gateway.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.hub.PendingFrames.Offer;
import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.awardsticker.gateway.Fixtures.LA_LA_LAND;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.feed;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingFramesTest {
    private static final String C = "gg74";

    private static PendingFrames pending(int maxFrames, long maxBytes) {
        return new PendingFrames(maxFrames, maxBytes, update -> update.frame(Wire.Format.WEBSOCKET));
    }

    private static Offer offer(PendingFrames pending, CeremonyUpdate update) {
        FeedUpdate feed = feed(update);
        return pending.offer(feed.frame(Wire.Format.WEBSOCKET), feed);
    }

    private static List<JsonNode> drain(PendingFrames pending) {
        List<JsonNode> out = new ArrayList<>();
        for (Frame next = pending.poll(); next != null; next = pending.poll()) {
            out.add(Json.read(next.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class));
        }
        return out;
    }

    /** "seq: Type Type ..." of each drained update frame, or the text of other frames. */
    private static List<String> shapes(List<JsonNode> frames) {
        return frames.stream().map(f -> {
            if (!f.has("update")) {
                return f.path("type").asText();
            }
            StringBuilder text = new StringBuilder(f.path("update").path("seq").asText() + ":");
            f.path("update").path("changes").forEach(c -> text.append(' ').append(c.path("type").asText()));
            return text.toString();
        }).toList();
    }

    private static Frame other(String type) {
        return Wire.websocket(("{\"type\":\"" + type + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void framesLeaveInOrder() {
        PendingFrames pending = pending(10, 100_000);
        assertEquals(Offer.QUEUED, pending.offer(other("snapshot"), null));
        assertEquals(Offer.QUEUED, offer(pending, moonlightWinsPicture(C, 1, 2)));
        assertEquals(Offer.QUEUED, offer(pending, alert(C, 1, 3, PICTURE, MOONLIGHT)));
        assertEquals(3, pending.size());
        assertEquals(List.of("snapshot", "2: WinnerDeclared TallyUpdated TallyUpdated LeaderboardChanged "
                + "RecordAlert RecordUpdated", "3: RecordAlert"), shapes(drain(pending)));
        assertTrue(pending.isEmpty());
        assertEquals(0, pending.bytes());
    }

    /**
     * A waiting win gives up the tallies a later update carries again and its leaderboard delta (merged into the
     * later one); its winner, record and alert stay, and it keeps its place and seq.
     */
    @Test
    void aLaterUpdateTakesOverTalliesAndTheLeaderboardButNeverTheWinnerOrAlert() {
        PendingFrames pending = pending(10, 100_000);
        offer(pending, moonlightWinsPicture(C, 1, 2));
        CeremonyUpdate later = update(C, 1, 3,
                new TallyUpdated(TallyUpdated.Subject.WORK, MOONLIGHT, 2, 2),
                new LeaderboardChanged(2, 2, List.of(), List.of(new Leaderboard.Entry(1, MOONLIGHT, 2, 2)),
                        List.of()));
        assertEquals(Offer.CONFLATED, offer(pending, later));

        List<JsonNode> frames = drain(pending);
        assertEquals(List.of("2: WinnerDeclared TallyUpdated RecordAlert RecordUpdated",
                "3: TallyUpdated LeaderboardChanged"), shapes(frames));
        assertEquals("STUDIO", frames.get(0).at("/update/changes/1/subject").asText(), "A24's tally is not superseded");
        JsonNode board = frames.get(1).at("/update/changes/1");
        assertEquals(2, board.path("decided").asInt());
        assertEquals(List.of(MOONLIGHT + " 1 2", LA_LA_LAND + " 2 0", "Lion 2 0"), entries(board),
                "the waiting delta's works, with the later values where both have one");
    }

    @Test
    void anUpdateLeftWithNothingLeavesTheQueue() {
        PendingFrames pending = pending(10, 100_000);
        offer(pending, tally(C, 1, 2, MOONLIGHT, 1));
        offer(pending, alert(C, 1, 3, PICTURE, MOONLIGHT));
        offer(pending, tally(C, 1, 4, MOONLIGHT, 2));
        assertEquals(Offer.CONFLATED, offer(pending, tally(C, 1, 5, MOONLIGHT, 3)));
        List<JsonNode> frames = drain(pending);
        assertEquals(List.of("3: RecordAlert", "5: TallyUpdated"), shapes(frames));
        assertEquals(3, frames.get(1).at("/update/changes/0/wins").asInt());
    }

    @Test
    void leaderboardDeltasMergeAcrossSeveralWaitingUpdates() {
        PendingFrames pending = pending(10, 100_000);
        offer(pending, moonlightWinsPicture(C, 1, 2));
        offer(pending, chazelleWinsDirector(C, 1, 3));
        offer(pending, update(C, 1, 4, new LeaderboardChanged(2, 3, List.of("Best Score"),
                List.of(new Leaderboard.Entry(4, "Lion", 0, 1)), List.of(MOONLIGHT))));
        List<JsonNode> frames = drain(pending);
        assertEquals(List.of("2: WinnerDeclared TallyUpdated TallyUpdated RecordAlert RecordUpdated",
                "3: WinnerDeclared TallyUpdated TallyUpdated TallyUpdated", "4: LeaderboardChanged"), shapes(frames));
        JsonNode board = frames.get(2).at("/update/changes/0");
        assertEquals(List.of(LA_LA_LAND + " 1 1", "Lion 4 0"), entries(board));
        assertEquals(List.of(MOONLIGHT), Json.MAPPER.convertValue(board.path("removed"), List.class));
        assertEquals(3, board.path("total").asInt());
    }

    @Test
    void nothingIsMergedAcrossASnapshotOrIntoAnotherCeremony() {
        PendingFrames pending = pending(10, 100_000);
        offer(pending, tally(C, 1, 2, MOONLIGHT, 1));
        offer(pending, tally("other", 1, 7, MOONLIGHT, 1));
        pending.offer(other("snapshot"), null);
        assertEquals(Offer.QUEUED, offer(pending, tally(C, 1, 3, MOONLIGHT, 2)));
        assertEquals(List.of("2: TallyUpdated", "7: TallyUpdated", "snapshot", "3: TallyUpdated"),
                shapes(drain(pending)));
    }

    @Test
    void refusesWhatWouldExceedTheFrameBoundButStillMergesAtIt() {
        PendingFrames pending = pending(2, 100_000);
        offer(pending, tally(C, 1, 1, MOONLIGHT, 1));
        offer(pending, alert(C, 1, 2, PICTURE, MOONLIGHT));
        assertEquals(Offer.FULL, offer(pending, alert(C, 1, 3, PICTURE, MOONLIGHT)));
        assertEquals(Offer.CONFLATED, offer(pending, tally(C, 1, 4, MOONLIGHT, 2)), "the superseded one made room");
        assertEquals(List.of("2: RecordAlert", "4: TallyUpdated"), shapes(drain(pending)));
    }

    @Test
    void refusesWhatWouldExceedTheByteBound() {
        FeedUpdate first = feed(alert(C, 1, 1, PICTURE, MOONLIGHT));
        PendingFrames pending = pending(100, first.frame(Wire.Format.WEBSOCKET).length() + 10);
        assertEquals(Offer.QUEUED, pending.offer(first.frame(Wire.Format.WEBSOCKET), first));
        assertEquals(Offer.FULL, offer(pending, alert(C, 1, 2, PICTURE, MOONLIGHT)));
        assertEquals(first.frame(Wire.Format.WEBSOCKET).length(), pending.bytes());
        assertEquals(1, pending.size());
    }

    @Test
    void keepsTheSharedBufferItselfWhenNothingIsMerged() {
        PendingFrames pending = pending(10, 100_000);
        FeedUpdate shared = feed(alert(C, 1, 1, PICTURE, MOONLIGHT));
        pending.offer(shared.frame(Wire.Format.WEBSOCKET), shared);
        assertSame(shared.frame(Wire.Format.WEBSOCKET), pending.poll());
        assertNull(pending.poll());
    }

    @Test
    void clearEmptiesEverything() {
        PendingFrames pending = pending(10, 100_000);
        offer(pending, tally(C, 1, 1, MOONLIGHT, 1));
        pending.offer(other("snapshot"), null);
        pending.clear();
        assertTrue(pending.isEmpty());
        assertEquals(0, pending.bytes());
        assertEquals(Offer.QUEUED, offer(pending, tally(C, 1, 2, MOONLIGHT, 2)));
    }

    /** "work rank wins" of each entry. */
    private static List<String> entries(JsonNode board) {
        List<String> out = new ArrayList<>();
        board.path("entries").forEach(e -> out.add(e.path("work").asText() + " " + e.path("rank").asInt() + " "
                + e.path("wins").asInt()));
        return out;
    }
}
