package dev.awardsticker.gateway.transport.sse;

import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.hub.Outlet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open {@code /sse} response as the hub writes to it: events go out through Vert.x's response (an HTTP chunk
 * around the shared, encoded-once event bytes). Used only on the response's event loop.
 */
final class SseOutlet implements Outlet {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private boolean closing;

    SseOutlet(HttpServerRequest request) {
        this.request = request;
        this.response = request.response();
    }

    @Override
    public Wire.Format format() {
        return Wire.Format.SSE;
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void write(Frame event) {
        response.write(event.buffer());
    }

    @Override
    public boolean isOpen() {
        return !closing && !response.closed() && !response.ended();
    }

    /** A comment on a stream that is keeping up, so proxies keep a quiet stream open and a gone client shows. */
    @Override
    public void keepAlive(boolean behind) {
        if (!behind && !response.writeQueueFull()) {
            writeRaw(SseEvents.KEEP_ALIVE);
        }
    }

    @Override
    public boolean hearsClient() {
        return false;
    }

    /**
     * Too slow: the connection is dropped at once (a client too slow to read what is queued would not read an
     * orderly end either; it reconnects and resumes, like a WebSocket client closed with 4408). Otherwise the stream
     * ends cleanly with a comment saying why: an EventSource reconnects on its own after the {@code retry:} delay
     * and resumes with its {@code Last-Event-ID}.
     */
    @Override
    public Future<Void> close(Closing why, String reason) {
        if (why == Closing.TOO_SLOW || why == Closing.SILENT) {
            if (!closing) {
                closing = true;
                return request.connection().close();
            }
            return Future.succeededFuture();
        }
        if (isOpen()) {
            response.write(SseEvents.comment(reason));
            closing = true;
            return response.end();
        }
        return Future.succeededFuture();
    }

    /** Bytes that are not an event (keep-alive comments, the retry hint): straight out, uncounted. */
    void writeRaw(Buffer bytes) {
        if (isOpen()) {
            response.write(bytes);
        }
    }

    @Override
    public String remote() {
        return String.valueOf(request.remoteAddress());
    }
}
