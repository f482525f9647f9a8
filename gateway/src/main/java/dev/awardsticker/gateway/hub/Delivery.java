package dev.awardsticker.gateway.hub;

import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Frame;

import java.util.function.Consumer;

/**
 * The slow-client policy (PROTOCOL.md, "Slow clients") and the counts of one transport on one event loop: every frame
 * to a client goes through {@link #deliver}, which closes a client that fell too far behind.
 *
 * <p>Counted on the event loop in plain fields (a frame costs no atomic operation) and published for other threads
 * (the {@code /metrics} scrape) at the end of each hub task by {@link #publish}.
 */
public final class Delivery {
    private final ClientLimits limits;
    private int peakPendingFrames;
    private long peakPendingBytes;
    private long conflated;
    private long closedTooSlow;
    private long framesSent;
    private long resumed;
    private long resumeResets;
    private int clients;
    private volatile Counts published = Counts.ZERO;

    /** The counts as of the end of the last hub task; any thread. */
    public record Counts(int clients, long framesSent, long conflated, long closedTooSlow, long resumed,
                         long resumeResets) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);
    }

    public Delivery(ClientLimits limits) {
        this.limits = limits;
    }

    /** Give this to each {@link Outbox}: it counts the frames written. */
    public void frameWritten() {
        framesSent++;
    }

    /**
     * Sends {@code frame} (carrying {@code update}, or null if it is no update) through {@code outbox}; if the client
     * has too many frames waiting, or waiting too long, calls {@code closeTooSlow} with the reason.
     */
    public void deliver(Outbox outbox, Frame frame, FeedUpdate update, long now, Consumer<String> closeTooSlow) {
        Outbox.Sent sent = outbox.send(frame, update, now);
        switch (sent) {
            case WRITTEN, DROPPED -> { }
            case OVERFLOW -> tooSlow(outbox, closeTooSlow, "too slow: " + outbox.pendingFrames() + " frames ("
                    + outbox.pendingBytes() + " bytes) waiting unread; reconnect and resume");
            case QUEUED, CONFLATED -> {
                if (sent == Outbox.Sent.CONFLATED) {
                    conflated++;
                }
                peakPendingFrames = Math.max(peakPendingFrames, outbox.pendingFrames());
                peakPendingBytes = Math.max(peakPendingBytes, outbox.pendingBytes());
                closeIfBehindTooLong(outbox, now, closeTooSlow);
            }
        }
    }

    /** Frames have waited unsent for longer than a heartbeat interval: the client is not catching up. */
    public void closeIfBehindTooLong(Outbox outbox, long now, Consumer<String> closeTooSlow) {
        long behind = outbox.behindFor(now);
        if (behind > limits.heartbeatMs()) {
            tooSlow(outbox, closeTooSlow, "too slow: frames waited unread for " + behind + " ms; reconnect and resume");
        }
    }

    private void tooSlow(Outbox outbox, Consumer<String> closeTooSlow, String reason) {
        closedTooSlow++;
        outbox.clear();
        closeTooSlow.accept(reason);
    }

    void connected() {
        clients++;
    }

    void disconnected() {
        clients--;
    }

    void resumed() {
        resumed++;
    }

    void resumeReset() {
        resumeResets++;
    }

    /** Makes the counts so far visible to other threads; at the end of every hub task. */
    void publish() {
        Counts now = published;
        if (now.clients() != clients || now.framesSent() != framesSent || now.conflated() != conflated
                || now.closedTooSlow() != closedTooSlow || now.resumed() != resumed
                || now.resumeResets() != resumeResets) {
            published = new Counts(clients, framesSent, conflated, closedTooSlow, resumed, resumeResets);
        }
    }

    public Counts counts() {
        return published;
    }

    public int peakPendingFrames() {
        return peakPendingFrames;
    }

    public long peakPendingBytes() {
        return peakPendingBytes;
    }

    /** Updates queued after waiting ones gave up tallies or leaderboard deltas they supersede; on the loop. */
    public long conflated() {
        return conflated;
    }

    /** Clients closed because frames waited too many or too long; on the loop. */
    public long closedTooSlow() {
        return closedTooSlow;
    }

    /** ms on a monotonic clock. */
    public static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
