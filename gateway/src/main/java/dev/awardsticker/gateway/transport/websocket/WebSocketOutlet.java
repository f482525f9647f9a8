package dev.awardsticker.gateway.transport.websocket;

import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.hub.Outlet;
import dev.awardsticker.gateway.transport.netty.RawSocket;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One WebSocket as the hub writes to it. Text frames take the socket's raw path when there is one (the frame's bytes
 * as encoded once, header included), else Vert.x's {@code writeTextMessage}; pings and the close frame always go
 * through Vert.x. Used only on the socket's event loop.
 */
final class WebSocketOutlet implements Outlet {
    private static final Buffer PING = Buffer.buffer("hb");

    private final ServerWebSocket socket;
    /** Null when the Netty seam is off or the channel is out of reach. */
    private final RawSocket raw;
    /** Bytes of the client message being received so far (it may come in several frames). */
    private long messageBytes;
    /** Set once the gateway closes: nothing more is sent or handled, even before the client confirms. */
    private boolean closing;

    WebSocketOutlet(ServerWebSocket socket, RawSocket raw) {
        this.socket = socket;
        this.raw = raw;
    }

    @Override
    public Wire.Format format() {
        return Wire.Format.WEBSOCKET;
    }

    @Override
    public boolean isOpen() {
        return !closing && !socket.isClosed();
    }

    @Override
    public boolean writeQueueFull() {
        return raw != null ? !raw.writable() : socket.writeQueueFull();
    }

    @Override
    public void write(Frame frame) {
        if (raw != null) {
            raw.write(frame);
        } else {
            socket.writeTextMessage(frame.text());
        }
    }

    /** A WebSocket ping; tiny, so it goes straight to the socket even when frames wait. */
    @Override
    public void keepAlive(boolean behind) {
        socket.writePing(PING);
    }

    @Override
    public boolean hearsClient() {
        return true;
    }

    @Override
    public Future<Void> close(Closing why, String reason) {
        return close(switch (why) {
            case TOO_SLOW, SILENT -> CloseCodes.TOO_SLOW;
            case UNAUTHORIZED -> CloseCodes.UNAUTHORIZED;
            case GOING_AWAY -> CloseCodes.GOING_AWAY;
        }, reason);
    }

    Future<Void> close(short code, String reason) {
        if (!isOpen()) {
            return Future.succeededFuture();
        }
        closing = true;
        return socket.close(code, CloseCodes.fitReason(reason));
    }

    /** Adds the frame's size to the message in progress and returns the message's size so far. */
    long received(boolean continuation, int frameBytes) {
        messageBytes = (continuation ? messageBytes : 0) + frameBytes;
        return messageBytes;
    }

    @Override
    public String remote() {
        return String.valueOf(socket.remoteAddress());
    }
}
