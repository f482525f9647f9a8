package dev.awardsticker.gateway.metrics;

/**
 * What a transport (WebSocket, SSE) counts of its clients, exposed with a {@code transport} tag. Read on the
 * gateway's event loop, where the transport keeps these numbers and where {@code /metrics} is answered.
 */
public interface TransportCounts {
    /** Tag value: {@code websocket} or {@code sse}. */
    String transport();

    /** Open clients now. */
    int clients();

    /** Frames (WebSocket text frames, SSE events) written since start; not pings or keep-alive comments. */
    long framesSent();

    long conflated();

    long slowDisconnects();

    long resumed();

    long resumeResets();
}
