package dev.awardsticker.gateway.ws;

import io.vertx.core.buffer.Buffer;

/**
 * Where one subscriber's frames are written: a WebSocket or a Server-Sent Events response. {@link Outbox} puts its
 * bounded, conflating queue in front of it, so both transports follow the same slow-client policy.
 */
public interface Outlet {
    /** The transport holds as many unsent bytes as it should: further frames wait in the outbox. */
    boolean writeQueueFull();

    /** Writes one frame (already in the transport's wire format). */
    void write(Buffer frame);

    /** Whether the transport is still open; frames to a closed one are dropped. */
    boolean isOpen();
}
