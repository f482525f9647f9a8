package dev.awardsticker.gateway.ws;

/** WebSocket close codes the gateway uses (see PROTOCOL.md). 4xxx mirror the HTTP status they resemble. */
public final class CloseCodes {
    private CloseCodes() {}

    /** The gateway is shutting down: reconnect (to another instance) and resume. */
    public static final short GOING_AWAY = 1001;
    /** A client message was larger than {@link #MAX_MESSAGE_BYTES}. */
    public static final short MESSAGE_TOO_BIG = 1009;
    /** The client sent a binary frame: the protocol is JSON text only. */
    public static final short BAD_MESSAGE = 4400;
    /** Reserved for authentication, which this gateway does not do yet. */
    public static final short UNAUTHORIZED = 4401;
    /** The client did not keep up with its updates, or answered no ping for three heartbeat intervals. */
    public static final short TOO_SLOW = 4408;

    /** Largest client message accepted (64 KiB); real requests are a few hundred bytes. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
}
