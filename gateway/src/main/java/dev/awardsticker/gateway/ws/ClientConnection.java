package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.FeedUpdate;
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
 * One client socket and its subscriptions. Used only on the gateway's event loop. Its frames pass through an
 * {@link Outbox}: straight to the socket while it takes them, else into a bounded, conflating queue (see
 * PROTOCOL.md, "Slow clients").
 */
final class ClientConnection implements Outlet {
    /** Largest frame sent in one piece; bigger ones are split, as clients commonly cap a frame at 64 KiB. */
    private static final int MAX_SINGLE_FRAME = 64 * 1024;
    private static final Buffer PING = Buffer.buffer("hb");

    private final ServerWebSocket socket;
    private final Grant grant;
    private final Outbox outbox;
    private final Map<String, Filter> subscriptions = new HashMap<>();
    private long lastHeard;
    /** Bytes of the client message being received so far (it may come in several frames). */
    private long messageBytes;
    /** Set once the gateway closes: nothing more is sent or handled, even before the client confirms. */
    private boolean closing;

    ClientConnection(ServerWebSocket socket, Grant grant, int maxQueuedFrames, long maxQueuedBytes, long now,
                     Runnable onFrameWritten) {
        this.socket = socket;
        this.grant = grant;
        this.outbox = new Outbox(this, maxQueuedFrames, maxQueuedBytes, FeedUpdate::frame, onFrameWritten);
        this.lastHeard = now;
    }

    String remote() {
        return String.valueOf(socket.remoteAddress());
    }

    Grant grant() {
        return grant;
    }

    Outbox outbox() {
        return outbox;
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

    @Override
    public boolean isOpen() {
        return !closing && !socket.isClosed();
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    /** A WebSocket ping; tiny, so it goes straight to the socket even when frames wait. */
    void ping() {
        if (isOpen()) {
            socket.writePing(PING);
        }
    }

    /** Closes with {@code code}; frames still waiting are dropped at once (the client resumes for them). */
    Future<Void> close(short code, String reason) {
        outbox.clear();
        if (!isOpen()) {
            return Future.succeededFuture();
        }
        closing = true;
        return socket.close(code, CloseCodes.fitReason(reason));
    }

    /**
     * A text frame of UTF-8 JSON. Vert.x has no public way to send a text frame from a Buffer, so this builds the
     * frame itself: the frame takes a slice of the bytes (own indices, never released), so one encoded update serves
     * every client without a copy.
     */
    @Override
    public void write(Buffer utf8Json) {
        if (utf8Json.length() > MAX_SINGLE_FRAME) {
            socket.writeTextMessage(utf8Json.toString(StandardCharsets.UTF_8));
            return;
        }
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) utf8Json).getByteBuf(),
                true));
    }
}
