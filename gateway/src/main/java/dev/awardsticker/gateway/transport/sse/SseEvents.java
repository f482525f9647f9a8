package dev.awardsticker.gateway.transport.sse;

import io.vertx.core.buffer.Buffer;

/**
 * What an SSE stream carries besides messages (those are encoded once, by {@code feed.Wire}): comments, which
 * clients ignore but proxies see as traffic, and the reconnect hint.
 */
final class SseEvents {
    private SseEvents() {}

    /** Sent on every keep-alive tick to a stream that is keeping up. */
    static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    /** How long a client should wait before reconnecting after the stream ends. */
    static Buffer retry(long millis) {
        return Buffer.buffer("retry: " + millis + "\n\n");
    }

    static Buffer comment(String text) {
        return Buffer.buffer(": " + text.replace('\n', ' ').replace('\r', ' ') + "\n\n");
    }
}
