package dev.awardsticker.gateway.transport.websocket;

import java.nio.charset.StandardCharsets;

/** WebSocket close codes the gateway uses (see PROTOCOL.md). 4xxx mirror the HTTP status they resemble. */
public final class CloseCodes {
    private CloseCodes() {}

    /** The gateway is shutting down: reconnect (to another instance) and resume. */
    public static final short GOING_AWAY = 1001;
    /** A client message was larger than {@link #MAX_MESSAGE_BYTES}. */
    public static final short MESSAGE_TOO_BIG = 1009;
    /** The client sent a binary frame: the protocol is JSON text only. */
    public static final short BAD_MESSAGE = 4400;
    /** The token was missing, refused or has expired (only when GATEWAY_JWT_SECRET is set). */
    public static final short UNAUTHORIZED = 4401;
    /**
     * The client did not keep up with its updates (too many waiting, or waiting too long), or answered no ping for
     * three heartbeat intervals.
     */
    public static final short TOO_SLOW = 4408;

    /** Largest client message accepted (64 KiB); real requests are a few hundred bytes. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** Close reasons must fit a control frame: 125 bytes, 2 of them for the code. */
    private static final int MAX_REASON_BYTES = 123;

    /** {@code reason} cut to what a close frame can carry. */
    public static String fitReason(String reason) {
        String fitted = reason;
        while (fitted.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            fitted = fitted.substring(0, fitted.length() - 1);
        }
        return fitted;
    }
}
