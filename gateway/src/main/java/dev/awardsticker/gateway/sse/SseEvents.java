package dev.awardsticker.gateway.sse;

import dev.awardsticker.gateway.feed.FeedUpdate;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.charset.StandardCharsets;

/**
 * The Server-Sent Events wire format (WHATWG HTML, "Server-sent events"): {@code id:}, {@code event:} and
 * {@code data:} lines ending in a blank line. The data of every event is the JSON of the WebSocket frame of the same
 * name, which is one line (Jackson writes no newlines and escapes those inside strings).
 */
final class SseEvents {
    private SseEvents() {}

    /** Sent on every keep-alive tick: a comment, which clients ignore but proxies see as traffic. */
    static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

    /** {@code <ceremony>:<epoch>:<seq>}, the id of a snapshot or update event (see {@link LastEventId}). */
    static String id(String ceremony, long epoch, long seq) {
        return ceremony + ":" + epoch + ":" + seq;
    }

    /** How long a client should wait before reconnecting after the stream ends. */
    static Buffer retry(long millis) {
        return Buffer.buffer("retry: " + millis + "\n\n");
    }

    static Buffer comment(String text) {
        return Buffer.buffer(": " + text.replace('\n', ' ').replace('\r', ' ') + "\n\n");
    }

    /** @param id null for an event that leaves the client's last event id as it was */
    static Buffer event(String type, String id, String json) {
        StringBuilder text = new StringBuilder(json.length() + 64);
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        text.append("event: ").append(type).append('\n');
        // Defensive: a newline would end the data line early; the JSON we send has none.
        for (String line : json.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return Buffer.buffer(text.append('\n').toString());
    }

    /**
     * The {@code update} event of an update: a small header of its own, then the update's shared, encoded-once
     * WebSocket frame bytes, not a copy (a composite buffer over both; Vert.x writes a buffer without releasing it,
     * so one event can go to every SSE client).
     */
    static Buffer update(FeedUpdate update) {
        byte[] head = ("id: " + id(update.ceremony(), update.epoch(), update.seq()) + "\nevent: update\ndata: ")
                .getBytes(StandardCharsets.UTF_8);
        return BufferInternal.buffer(Unpooled.wrappedUnmodifiableBuffer(Unpooled.wrappedBuffer(head),
                ((BufferInternal) update.frame()).getByteBuf(), Unpooled.wrappedBuffer(EVENT_END)));
    }
}
