package dev.awardsticker.gateway.hub;

import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import io.vertx.core.Future;

/**
 * Where one client's frames are written: what a transport (WebSocket, Server-Sent Events) gives the {@link Hub}.
 * The hub decides what to send and when; the transport only writes bytes, says whether it takes more, and closes.
 * Used only on the client's event loop.
 */
public interface Outlet {

    /** Why the hub closes a client; the transport picks its close code or way of ending. */
    enum Closing {
        /** Frames waited too many or too long. */
        TOO_SLOW,
        /** Nothing heard from the client for three heartbeats. */
        SILENT,
        /** Its token expired. */
        UNAUTHORIZED,
        /** The gateway is shutting down. */
        GOING_AWAY
    }

    /** The wire format this transport writes. */
    Wire.Format format();

    /** Whether the transport is still open; frames to a closed one are dropped. */
    boolean isOpen();

    /** The transport holds as many unsent bytes as it should: further frames wait in the outbox. */
    boolean writeQueueFull();

    /** Writes one frame, already in {@link #format()}. */
    void write(Frame frame);

    /**
     * The sweep's liveness traffic: a WebSocket ping, an SSE keep-alive comment.
     *
     * @param behind frames are waiting for this client in its outbox
     */
    void keepAlive(boolean behind);

    /** Whether the client sends anything the gateway hears (a WebSocket does, an SSE reader does not). */
    boolean hearsClient();

    /** Closes (or ends) the transport; frames still waiting are dropped by the hub. */
    Future<Void> close(Closing why, String reason);

    /** For logs: who is on the other end. */
    String remote();
}
