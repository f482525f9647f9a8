package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.feed.FeedUpdate;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * The slow-client policy (PROTOCOL.md, "Slow clients") and its counts, for one transport: every frame to a client
 * goes through {@link #deliver}, which closes a client that fell too far behind. One instance per transport, so
 * metrics can tell WebSocket and SSE apart. Used only on the gateway's event loop.
 */
public final class Delivery {
    private final ClientLimits limits;
    private int peakPendingFrames;
    private long peakPendingBytes;
    private long conflated;
    private long closedTooSlow;
    private long framesSent;

    public Delivery(ClientLimits limits) {
        this.limits = limits;
    }

    public ClientLimits limits() {
        return limits;
    }

    /** Give this to each {@link Outbox}: it counts the frames written. */
    public void frameWritten() {
        framesSent++;
    }

    /**
     * Sends {@code frame} (carrying {@code update}, or null if it is no update) through {@code outbox}; if the client has too many frames waiting, or waiting too long,
     * calls {@code closeTooSlow} with the reason (the caller knows how to close its transport).
     */
    public void deliver(Outbox outbox, Buffer frame, FeedUpdate update, Consumer<String> closeTooSlow) {
        long now = now();
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

    public int peakPendingFrames() {
        return peakPendingFrames;
    }

    public long peakPendingBytes() {
        return peakPendingBytes;
    }

    /** Updates queued after waiting ones gave up tallies or leaderboard deltas they supersede, since start. */
    public long conflated() {
        return conflated;
    }

    /** Clients closed because frames waited too many or too long, since start. */
    public long closedTooSlow() {
        return closedTooSlow;
    }

    /** Frames written to clients since start (updates, snapshots, replies; not pings or keep-alives). */
    public long framesSent() {
        return framesSent;
    }

    /** ms on a monotonic clock. */
    public static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
