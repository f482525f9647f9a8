package dev.awardsticker.gateway.ws;

import io.vertx.core.buffer.Buffer;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Frames waiting for one client whose socket takes no more, bounded by count and bytes. Used only on the event loop.
 *
 * <p>Frames leave in the order they came, with one exception: a frame with a conflation key replaces a waiting one
 * with the same key, and takes its place at the back. The back, not the old place, because a newer update has a
 * higher seq than everything already waiting for its ceremony: seq stays increasing, and the client gets only the
 * newest tally per key without ever being sent an update before one it needed first.
 *
 * <p>The frames of updates are the shared, encoded-once buffers: queuing one costs an entry, not a copy.
 */
final class PendingFrames {

    /** What {@link #offer} did. */
    enum Offer {
        /** Added at the back. */
        QUEUED,
        /** Replaced a waiting frame with the same conflation key; the count did not grow. */
        CONFLATED,
        /** Refused: it would take the queue over its bound. Nothing changed. */
        FULL
    }

    private final int maxFrames;
    private final long maxBytes;
    /**
     * Insertion-ordered, so it is the queue itself; keyed so a conflation finds its older frame in O(1). Frames
     * without a conflation key get a unique number as key, which can never equal a (String) conflation key.
     */
    private final LinkedHashMap<Object, Buffer> frames = new LinkedHashMap<>();
    private long bytes;
    private long nextNumber;

    PendingFrames(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** @param conflationKey null for a frame that must be delivered whatever follows it */
    Offer offer(Buffer frame, String conflationKey) {
        Buffer older = conflationKey == null ? null : frames.get(conflationKey);
        int countAfter = frames.size() + (older == null ? 1 : 0);
        long bytesAfter = bytes + frame.length() - (older == null ? 0 : older.length());
        if (countAfter > maxFrames || bytesAfter > maxBytes) {
            return Offer.FULL;
        }
        Object key = conflationKey != null ? conflationKey : Long.valueOf(nextNumber++);
        if (older != null) {
            frames.remove(conflationKey);
        }
        frames.put(key, frame);
        bytes = bytesAfter;
        return older == null ? Offer.QUEUED : Offer.CONFLATED;
    }

    /** The oldest frame, removed; null when empty. */
    Buffer poll() {
        Iterator<Buffer> oldest = frames.values().iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        Buffer frame = oldest.next();
        oldest.remove();
        bytes -= frame.length();
        return frame;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return frames.size();
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }
}
