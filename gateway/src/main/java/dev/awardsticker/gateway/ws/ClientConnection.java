package dev.awardsticker.gateway.ws;

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

/** One client socket and its subscriptions. Used only on the gateway's event loop. */
final class ClientConnection {
    /** Largest frame sent in one piece; bigger ones are split, as clients commonly cap a frame at 64 KiB. */
    private static final int MAX_SINGLE_FRAME = 64 * 1024;
    /** Close reasons must fit a control frame: 125 bytes, 2 of them for the code. */
    private static final int MAX_REASON_BYTES = 123;

    private final ServerWebSocket socket;
    private final Map<String, Filter> subscriptions = new HashMap<>();
    private long lastHeard;
    /** When the send queue was first found full and has not drained since; 0 when it is not full. */
    private long fullSince;
    /** Bytes of the client message being received so far (it may come in several frames). */
    private long messageBytes;
    /** Set once the gateway closes: nothing more is sent or handled, even before the client confirms. */
    private boolean closing;

    ClientConnection(ServerWebSocket socket, long now) {
        this.socket = socket;
        this.lastHeard = now;
    }

    ServerWebSocket socket() {
        return socket;
    }

    String remote() {
        return String.valueOf(socket.remoteAddress());
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

    void send(String text) {
        if (isOpen()) {
            socket.writeTextMessage(text);
        }
    }

    /**
     * Sends an update frame encoded once for everyone. Vert.x has no public way to send a text frame from a
     * Buffer, so this builds the frame itself: the frame takes a slice of the shared bytes (own indices, never
     * released), so one Buffer serves every client without a copy or a re-encode.
     */
    void sendShared(Buffer utf8Json) {
        if (!isOpen()) {
            return;
        }
        if (utf8Json.length() > MAX_SINGLE_FRAME) {
            socket.writeTextMessage(utf8Json.toString(StandardCharsets.UTF_8));
            return;
        }
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) utf8Json).getByteBuf(),
                true));
    }

    /**
     * How long the send queue has been full, in ms (0 if it is not). Updates are still queued meanwhile; the
     * hub disconnects a client that stays behind too long.
     */
    long fullFor(long now) {
        if (!isOpen() || !socket.writeQueueFull()) {
            fullSince = 0;
            return 0;
        }
        if (fullSince == 0) {
            fullSince = now;
        }
        return now - fullSince;
    }

    void drained() {
        fullSince = 0;
    }

    Future<Void> close(short code, String reason) {
        if (!isOpen()) {
            return Future.succeededFuture();
        }
        closing = true;
        return socket.close(code, fitReason(reason));
    }

    private static String fitReason(String reason) {
        String fitted = reason;
        while (fitted.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            fitted = fitted.substring(0, fitted.length() - 1);
        }
        return fitted;
    }
}
