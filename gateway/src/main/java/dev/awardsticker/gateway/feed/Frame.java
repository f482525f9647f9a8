package dev.awardsticker.gateway.feed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message ready to be written to a client as it goes on the wire (a WebSocket text frame with its header, or a
 * Server-Sent Event), encoded once and shared by reference by every client and every event loop that sends it.
 * Immutable: nothing ever writes to its bytes, and a writer takes its own duplicate (own indices) of them.
 *
 * <p>The bytes live off-heap, in a JDK direct buffer freed by the garbage collector once no frame refers to it: a
 * socket write of direct bytes is not copied again (a heap buffer is copied into a direct one on every write), and
 * the frame needs no reference counting, so it can sit in the resume buffer and in many sockets' queues at once.
 */
public final class Frame {
    private final ByteBuf bytes;
    private final int payloadOffset;
    private final Buffer buffer;
    /** The JSON of a message split into several WebSocket frames (not contiguous in the bytes); else null. */
    private final byte[] splitJson;
    /** The payload as text, made on first use by a writer without the raw-frame path; racy but idempotent. */
    private volatile String text;

    private Frame(ByteBuf bytes, int payloadOffset, Buffer buffer, byte[] splitJson) {
        this.bytes = bytes;
        this.payloadOffset = payloadOffset;
        this.buffer = buffer;
        this.splitJson = splitJson;
    }

    /** Wire bytes kept off-heap, with the payload (the JSON) from {@code payloadOffset}. */
    static Frame direct(byte[] wire, int payloadOffset, byte[] splitJson) {
        ByteBuffer memory = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        // A wrapped JDK buffer is never freed by release(); unreleasable, its duplicates are safe to hand to Netty,
        // which releases what it wrote.
        return new Frame(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory)), payloadOffset, null,
                splitJson);
    }

    /** Wire bytes for a writer that takes a Vert.x buffer (an HTTP response): Vert.x duplicates it per write. */
    static Frame buffered(byte[] wire) {
        return new Frame(null, 0, Buffer.buffer(wire), null);
    }

    /** Bytes on the wire, header included. */
    public int length() {
        return bytes != null ? bytes.readableBytes() : buffer.length();
    }

    /** The shared bytes, header included; take a {@code duplicate()} to write them. Null for a buffered frame. */
    public ByteBuf bytes() {
        return bytes;
    }

    /** The bytes as a Vert.x buffer (never mutate it); null for a frame kept as {@link #bytes()}. */
    public Buffer buffer() {
        return buffer;
    }

    /** The JSON the frame carries, as text: for writers that cannot write the frame's own bytes. */
    public String text() {
        String known = text;
        if (known == null) {
            known = splitJson != null ? new String(splitJson, StandardCharsets.UTF_8)
                    : bytes != null
                    ? bytes.toString(bytes.readerIndex() + payloadOffset, bytes.readableBytes() - payloadOffset,
                    StandardCharsets.UTF_8)
                    : buffer.toString(StandardCharsets.UTF_8);
            text = known;
        }
        return known;
    }
}
