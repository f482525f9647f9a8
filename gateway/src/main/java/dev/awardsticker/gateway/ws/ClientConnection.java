package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.auth.Grant;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One client socket, its subscriptions and the frames waiting for it. Used only on the gateway's event loop.
 *
 * <p>Frames go straight to the socket while it takes them. Once its write queue is full (the client reads slower
 * than updates come), they wait in a bounded {@link PendingFrames} instead, where a newer tally replaces an older
 * one, and leave when the socket drains. So the memory a slow client can hold is bounded, and a client that
 * catches up gets the newest state rather than a backlog of stale tallies.
 */
final class ClientConnection {
    /** Largest frame sent in one piece; bigger ones are split, as clients commonly cap a frame at 64 KiB. */
    private static final int MAX_SINGLE_FRAME = 64 * 1024;
    private static final Buffer PING = Buffer.buffer("hb");

    /** What became of a frame handed to {@link #send}. */
    enum Sent {
        /** Handed to the socket. */
        WRITTEN,
        /** Waiting in the pending queue. */
        QUEUED,
        /** Waiting in the pending queue, in place of an older frame with the same conflation key. */
        CONFLATED,
        /** Not sent: the pending queue is at its bound. The caller closes the connection. */
        OVERFLOW,
        /** Not sent: the connection is closing. */
        DROPPED
    }

    private final ServerWebSocket socket;
    private final Grant grant;
    private final PendingFrames pending;
    private final Map<String, Filter> subscriptions = new HashMap<>();
    /** Told about every text frame written to the socket (for the gateway's frame count). */
    private final Runnable onFrameWritten;
    private long lastHeard;
    /** When the oldest frame now waiting in {@link #pending} began to wait; meaningless while nothing waits. */
    private long behindSince;
    /** Bytes of the client message being received so far (it may come in several frames). */
    private long messageBytes;
    /** Set once the gateway closes: nothing more is sent or handled, even before the client confirms. */
    private boolean closing;

    ClientConnection(ServerWebSocket socket, Grant grant, int maxQueuedFrames, long maxQueuedBytes, long now,
                     Runnable onFrameWritten) {
        this.onFrameWritten = onFrameWritten;
        this.socket = socket;
        this.grant = grant;
        this.pending = new PendingFrames(maxQueuedFrames, maxQueuedBytes);
        this.lastHeard = now;
    }

    String remote() {
        return String.valueOf(socket.remoteAddress());
    }

    Grant grant() {
        return grant;
    }

    void heard(long now) {
        lastHeard = now;
    }

    long lastHeard() {
        return lastHeard;
    }

    /** Adds the frame's size to the message in progress and returns the message's size so far. */
    long received(boolean continuation, int frameBytes) {
        messageBytes = (continuation ? messageBytes : 0) + frameBytes;
        return messageBytes;
    }

    Optional<Filter> subscription(String ceremony) {
        return Optional.ofNullable(subscriptions.get(ceremony));
    }

    void subscribe(String ceremony, Filter filter) {
        subscriptions.put(ceremony, filter);
    }

    boolean unsubscribe(String ceremony) {
        return subscriptions.remove(ceremony) != null;
    }

    Iterable<String> ceremonies() {
        return subscriptions.keySet();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    boolean isOpen() {
        return !closing && !socket.isClosed();
    }

    /**
     * Sends a text frame of UTF-8 JSON, or queues it while the socket is full. Frames never overtake each other,
     * except that a queued frame is dropped when a newer one with the same {@code conflationKey} is queued.
     *
     * @param conflationKey null for a frame that must arrive whatever follows (see {@code FeedUpdate})
     * @param now           ms on a monotonic clock, to time how long frames wait
     */
    Sent send(Buffer utf8Json, String conflationKey, long now) {
        if (!isOpen()) {
            return Sent.DROPPED;
        }
        flush();
        if (pending.isEmpty() && !socket.writeQueueFull()) {
            write(utf8Json);
            return Sent.WRITTEN;
        }
        boolean wasUpToDate = pending.isEmpty();
        return switch (pending.offer(utf8Json, conflationKey)) {
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

    /** Writes waiting frames for as long as the socket takes them: when it drains, and before every send. */
    void flush() {
        while (!pending.isEmpty() && isOpen() && !socket.writeQueueFull()) {
            write(pending.poll());
        }
    }

    /** How long the oldest waiting frame has waited, in ms; 0 when nothing waits. */
    long behindFor(long now) {
        return pending.isEmpty() ? 0 : now - behindSince;
    }

    int pendingFrames() {
        return pending.size();
    }

    long pendingBytes() {
        return pending.bytes();
    }

    /** A WebSocket ping; tiny, so it goes straight to the socket even when frames wait. */
    void ping() {
        if (isOpen()) {
            socket.writePing(PING);
        }
    }

    /** Closes with {@code code}; frames still waiting are dropped at once (the client resumes for them). */
    Future<Void> close(short code, String reason) {
        pending.clear();
        if (!isOpen()) {
            return Future.succeededFuture();
        }
        closing = true;
        return socket.close(code, CloseCodes.fitReason(reason));
    }

    /**
     * Vert.x has no public way to send a text frame from a Buffer, so this builds the frame itself: the frame takes a
     * slice of the bytes (own indices, never released), so one encoded update serves every client without a copy.
     */
    private void write(Buffer utf8Json) {
        onFrameWritten.run();
        if (utf8Json.length() > MAX_SINGLE_FRAME) {
            socket.writeTextMessage(utf8Json.toString(StandardCharsets.UTF_8));
            return;
        }
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) utf8Json).getByteBuf(),
                true));
    }
}
