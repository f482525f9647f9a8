package dev.awardsticker.gateway.hub;

import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Frame;

/**
 * The frames of one subscriber on their way to its {@link Outlet}, for WebSocket and SSE alike. Used only on the
 * gateway's event loop.
 *
 * <p>Frames go straight to the outlet while it takes them. Once it is full (the client reads slower than updates
 * come), they wait in a bounded {@link PendingFrames} instead, where a newer update takes over what it supersedes in
 * the older ones (tallies, leaderboard deltas), and leave when the outlet drains. So the memory a slow client can hold is bounded, and a client that catches up gets the
 * newest state rather than a backlog of stale tallies.
 */
public final class Outbox {

    /** What became of a frame handed to {@link #send}. */
    public enum Sent {
        /** Handed to the outlet. */
        WRITTEN,
        /** Waiting in the pending queue. */
        QUEUED,
        /** Waiting in the pending queue, after older waiting updates gave up what it supersedes. */
        CONFLATED,
        /** Not sent: the pending queue is at its bound. The caller closes the connection. */
        OVERFLOW,
        /** Not sent: the connection is closing. */
        DROPPED
    }

    private final Outlet outlet;
    private final PendingFrames pending;
    /** Told about every frame written to the outlet (for the gateway's frame count). */
    private final Runnable onFrameWritten;
    /** When the oldest frame now waiting in {@link #pending} began to wait; meaningless while nothing waits. */
    private long behindSince;

    public Outbox(Outlet outlet, int maxQueuedFrames, long maxQueuedBytes, Runnable onFrameWritten) {
        this.outlet = outlet;
        this.pending = new PendingFrames(maxQueuedFrames, maxQueuedBytes, update -> update.frame(outlet.format()));
        this.onFrameWritten = onFrameWritten;
    }

    /**
     * Sends a frame, or queues it while the outlet is full. Frames never overtake each other; a waiting update may
     * lose changes a newer one supersedes, or leave the queue when none is left (see {@link PendingFrames}).
     *
     * @param update the update {@code frame} carries, null for a frame that is not an update
     * @param now           ms on a monotonic clock, to time how long frames wait
     */
    public Sent send(Frame frame, FeedUpdate update, long now) {
        if (!outlet.isOpen()) {
            return Sent.DROPPED;
        }
        flush();
        if (pending.isEmpty() && !outlet.writeQueueFull()) {
            write(frame);
            return Sent.WRITTEN;
        }
        boolean wasUpToDate = pending.isEmpty();
        return switch (pending.offer(frame, update)) {
            case FULL -> Sent.OVERFLOW;
            case CONFLATED -> Sent.CONFLATED;
            case QUEUED -> {
                if (wasUpToDate) {
                    behindSince = now;
                }
                yield Sent.QUEUED;
            }
        };
    }

    /** Writes waiting frames for as long as the outlet takes them: when it drains, and before every send. */
    public void flush() {
        while (!pending.isEmpty() && outlet.isOpen() && !outlet.writeQueueFull()) {
            write(pending.poll());
        }
    }

    /** Whether frames are waiting (the outlet did not take everything yet). */
    public boolean behind() {
        return !pending.isEmpty();
    }

    /** How long the oldest waiting frame has waited, in ms; 0 when nothing waits. */
    public long behindFor(long now) {
        return pending.isEmpty() ? 0 : now - behindSince;
    }

    public int pendingFrames() {
        return pending.size();
    }

    public long pendingBytes() {
        return pending.bytes();
    }

    /** Drops every waiting frame at once: the connection is closing, and the client resumes for them. */
    public void clear() {
        pending.clear();
    }

    private void write(Frame frame) {
        onFrameWritten.run();
        outlet.write(frame);
    }
}
