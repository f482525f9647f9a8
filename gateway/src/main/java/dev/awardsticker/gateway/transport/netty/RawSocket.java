package dev.awardsticker.gateway.transport.netty;

import dev.awardsticker.gateway.feed.Frame;

/**
 * A WebSocket's channel taken directly: a pre-encoded frame (header included) is written as it is, with no
 * WebSocket frame object, encoding or promise per write, and flushed with its event loop's batch. Every text frame
 * of a socket must take this path, so that none overtakes another; only pings, pongs and the close frame go through
 * Vert.x, whose order relative to text frames does not matter.
 */
public interface RawSocket {
    /** Writes a WebSocket frame's bytes (from {@link Frame#bytes()}). On the channel's event loop. */
    void write(Frame frame);

    /** Whether the channel's outbound buffer is under its high-water mark (Vert.x's write queue size). */
    boolean writable();
}
