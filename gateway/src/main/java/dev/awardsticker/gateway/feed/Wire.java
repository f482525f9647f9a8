package dev.awardsticker.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two wire formats of the gateway's messages, encoded once into a {@link Frame}: a WebSocket text message
 * (RFC 6455, server to client: unmasked, header included) and a Server-Sent Event (WHATWG HTML, "Server-sent
 * events": {@code id:}, {@code event:} and {@code data:} lines ending in a blank line).
 */
public final class Wire {
    /**
     * Largest WebSocket frame payload sent in one piece; a bigger message goes as a text frame and continuation
     * frames, as clients commonly cap a frame at 64 KiB.
     */
    static final int MAX_FRAME_PAYLOAD = 64 * 1024;
    private static final byte FIN = (byte) 0x80;
    private static final byte TEXT = 0x1;
    private static final byte CONTINUATION = 0x0;

    /** How a client's transport frames its messages. */
    public enum Format {
        WEBSOCKET,
        SSE
    }

    private Wire() {}

    /**
     * @param event the SSE event name (the message's {@code type})
     * @param id    the SSE event id ({@code <ceremony>:<epoch>:<seq>}), or null for an event that leaves the client's
     *              last event id as it was; WebSocket frames carry neither
     * @param json  UTF-8 JSON on one line
     */
    public static Frame encode(Format format, String event, String id, byte[] json) {
        return format == Format.WEBSOCKET ? websocket(json) : sse(event, id, json);
    }

    /** A WebSocket text message: one frame, or a text frame and continuation frames above 64 KiB. */
    public static Frame websocket(byte[] json) {
        int frames = Math.max(1, (json.length + MAX_FRAME_PAYLOAD - 1) / MAX_FRAME_PAYLOAD);
        byte[] wire = new byte[json.length + frames * 10];
        int at = 0;
        int payloadOffset = 0;
        for (int i = 0, from = 0; i < frames; i++, from += MAX_FRAME_PAYLOAD) {
            int length = Math.min(MAX_FRAME_PAYLOAD, json.length - from);
            wire[at++] = (byte) ((i == frames - 1 ? FIN : 0) | (i == 0 ? TEXT : CONTINUATION));
            if (length < 126) {
                wire[at++] = (byte) length;
            } else if (length <= 0xFFFF) {
                wire[at++] = 126;
                wire[at++] = (byte) (length >>> 8);
                wire[at++] = (byte) length;
            } else {
                wire[at++] = 127;
                for (int shift = 56; shift >= 0; shift -= 8) {
                    wire[at++] = (byte) ((long) length >>> shift);
                }
            }
            if (i == 0) {
                payloadOffset = at;
            }
            System.arraycopy(json, from, wire, at, length);
            at += length;
        }
        // The payload is contiguous only in a single frame: a split one keeps its JSON for text().
        return Frame.direct(Arrays.copyOf(wire, at), payloadOffset, frames == 1 ? null : json);
    }

    /** A Server-Sent Event whose data is the JSON (one line: Jackson writes no newlines). */
    public static Frame sse(String event, String id, byte[] json) {
        String head = (id == null ? "" : "id: " + id + "\n") + "event: " + event + "\ndata: ";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[headBytes.length + json.length + 2];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(json, 0, wire, headBytes.length, json.length);
        wire[wire.length - 2] = '\n';
        wire[wire.length - 1] = '\n';
        return Frame.buffered(wire);
    }

    /** {@code <ceremony>:<epoch>:<seq>}, the SSE id of a snapshot or update event. */
    public static String sseId(String ceremony, long epoch, long seq) {
        return ceremony + ":" + epoch + ":" + seq;
    }
}
