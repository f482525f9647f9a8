package dev.awardsticker.gateway.sse;

import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.ws.Filter;
import dev.awardsticker.gateway.ws.Outbox;
import dev.awardsticker.gateway.ws.Outlet;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open {@code /sse} response: one ceremony, one filter. Its events pass through an {@link Outbox}, so a slow
 * reader gets the same bounded, merging queue as a WebSocket. Used only on the gateway's event loop.
 */
final class SseStream implements Outlet {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final String ceremony;
    private final Filter filter;
    private final Grant grant;
    private final Outbox outbox;
    private boolean closing;

    SseStream(HttpServerRequest request, String ceremony, Filter filter, Grant grant, int maxQueuedFrames,
              long maxQueuedBytes, Runnable onEventWritten) {
        this.request = request;
        this.response = request.response();
        this.ceremony = ceremony;
        this.filter = filter;
        this.grant = grant;
        this.outbox = new Outbox(this, maxQueuedFrames, maxQueuedBytes, SseEvents::update, onEventWritten);
    }

    String ceremony() {
        return ceremony;
    }

    Filter filter() {
        return filter;
    }

    Grant grant() {
        return grant;
    }

    Outbox outbox() {
        return outbox;
    }

    String remote() {
        return String.valueOf(request.remoteAddress());
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void write(Buffer event) {
        response.write(event);
    }

    @Override
    public boolean isOpen() {
        return !closing && !response.closed() && !response.ended();
    }

    /** Bytes that are not an event (keep-alive comments, the retry hint): straight out, uncounted. */
    void writeRaw(Buffer bytes) {
        if (isOpen()) {
            response.write(bytes);
        }
    }

    /**
     * Ends the stream cleanly, with a comment saying why: an EventSource reconnects on its own after the
     * {@code retry:} delay and resumes with its {@code Last-Event-ID}.
     */
    void end(String why) {
        outbox.clear();
        if (isOpen()) {
            response.write(SseEvents.comment(why));
            closing = true;
            response.end();
        }
    }

    /**
     * Drops the connection at once: a client too slow to read what is queued would not read an orderly end either.
     * It reconnects and resumes, like a WebSocket client closed with 4408.
     */
    void abort() {
        outbox.clear();
        if (!closing) {
            closing = true;
            request.connection().close();
        }
    }
}
