package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.ws.PendingFrames.Offer;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingFramesTest {

    private static Buffer frame(String text) {
        return Buffer.buffer(text);
    }

    private static List<String> drain(PendingFrames pending) {
        List<String> out = new ArrayList<>();
        for (Buffer next = pending.poll(); next != null; next = pending.poll()) {
            out.add(next.toString());
        }
        return out;
    }

    @Test
    void framesWithoutAKeyLeaveInOrder() {
        PendingFrames pending = new PendingFrames(10, 1000);
        List.of("a", "b", "c").forEach(text -> assertEquals(Offer.QUEUED, pending.offer(frame(text), null)));
        assertEquals(3, pending.size());
        assertEquals(List.of("a", "b", "c"), drain(pending));
        assertTrue(pending.isEmpty());
        assertEquals(0, pending.bytes());
    }

    /** seq 1 tally A, 2 alert, 3 tally B, 4 tally A: A's newest goes to the back, so seq still rises: 2, 3, 4. */
    @Test
    void aNewerFrameWithTheSameKeyReplacesTheOlderAtTheBack() {
        PendingFrames pending = new PendingFrames(10, 1000);
        pending.offer(frame("1 tally A"), "A");
        pending.offer(frame("2 alert"), null);
        pending.offer(frame("3 tally B"), "B");
        assertEquals(Offer.CONFLATED, pending.offer(frame("4 tally A"), "A"));
        assertEquals(3, pending.size());
        assertEquals("2 alert3 tally B4 tally A".length(), pending.bytes());
        assertEquals(List.of("2 alert", "3 tally B", "4 tally A"), drain(pending));
    }

    @Test
    void aKeyFreedByPollingIsQueuedAfresh() {
        PendingFrames pending = new PendingFrames(10, 1000);
        pending.offer(frame("1"), "A");
        assertEquals("1", pending.poll().toString());
        assertEquals(Offer.QUEUED, pending.offer(frame("2"), "A"));
    }

    @Test
    void refusesWhatWouldExceedTheFrameBoundButStillConflatesAtIt() {
        PendingFrames pending = new PendingFrames(2, 1000);
        pending.offer(frame("1"), "A");
        pending.offer(frame("2"), null);
        assertEquals(Offer.FULL, pending.offer(frame("3"), null));
        assertEquals(Offer.FULL, pending.offer(frame("3"), "B"));
        assertEquals(Offer.CONFLATED, pending.offer(frame("4"), "A"), "replacing does not grow the queue");
        assertEquals(List.of("2", "4"), drain(pending));
    }

    @Test
    void refusesWhatWouldExceedTheByteBound() {
        PendingFrames pending = new PendingFrames(100, 10);
        assertEquals(Offer.QUEUED, pending.offer(frame("12345678"), "A"));
        assertEquals(Offer.FULL, pending.offer(frame("123"), null));
        assertEquals(Offer.CONFLATED, pending.offer(frame("1234567890"), "A"), "bytes of the replaced frame are freed");
        assertEquals(10, pending.bytes());
        assertEquals(Offer.FULL, pending.offer(frame("12345678901"), "A"));
        assertEquals(1, pending.size());
    }

    @Test
    void keepsTheSharedBufferItself() {
        PendingFrames pending = new PendingFrames(10, 1000);
        Buffer shared = frame("x");
        pending.offer(shared, "A");
        assertSame(shared, pending.poll());
        assertNull(pending.poll());
    }

    @Test
    void clearEmptiesEverything() {
        PendingFrames pending = new PendingFrames(10, 1000);
        pending.offer(frame("1"), "A");
        pending.offer(frame("2"), null);
        pending.clear();
        assertTrue(pending.isEmpty());
        assertEquals(0, pending.bytes());
        assertEquals(Offer.QUEUED, pending.offer(frame("3"), "A"));
    }
}
