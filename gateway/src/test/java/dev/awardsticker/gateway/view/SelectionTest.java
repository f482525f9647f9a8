package dev.awardsticker.gateway.view;

import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.feed.FeedUpdate;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.awardsticker.gateway.Fixtures.DIRECTOR;
import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.feed;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One fan-out encodes each distinct result once, and sends unfiltered subscribers the update's own frame. */
class SelectionTest {
    private final CeremonyWriter view = new CeremonyWriter("c", 5);
    private final FeedUpdate win = feed(moonlightWinsPicture("c", 1, 2));

    SelectionTest() {
        view.apply(feed(definitionEvent("c", 1, 1)));
        view.apply(win);
    }

    @Test
    void unfilteredSubscribersShareTheUpdatesOwnFrame() {
        assertSame(win, new Selection(win, view).forFilter(Filter.NONE).orElseThrow());
    }

    @Test
    void eachDistinctResultIsEncodedOnce() {
        Selection selection = new Selection(win, view);
        FeedUpdate moonlight = selection.forFilter(new Filter(false, Set.of(), Set.of(MOONLIGHT))).orElseThrow();
        assertSame(moonlight, selection.forFilter(new Filter(false, Set.of(), Set.of(MOONLIGHT))).orElseThrow(),
                "an equal filter: the same copy");
        FeedUpdate picture = selection.forFilter(new Filter(false, Set.of(PICTURE), Set.of())).orElseThrow();
        assertSame(picture, selection.forFilter(new Filter(false, Set.of(PICTURE), Set.of(MOONLIGHT))).orElseThrow(),
                "another filter with the same result: the same copy");
        assertNotSame(moonlight, picture);
        assertNotSame(win.frame(Wire.Format.WEBSOCKET), moonlight.frame(Wire.Format.WEBSOCKET));
        assertEquals(win.seq(), moonlight.seq());
    }

    @Test
    void nothingWhenNoChangePasses() {
        Selection selection = new Selection(win, view);
        assertTrue(selection.forFilter(new Filter(false, Set.of(DIRECTOR), Set.of())).isEmpty());
        assertTrue(selection.forFilter(new Filter(false, Set.of(), Set.of("Fences"))).isEmpty(),
                "not even a leaderboard entry of it");
    }
}
