package dev.awardsticker.gateway.transport.sse;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.http.Responses;
import dev.awardsticker.gateway.hub.Client;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.transport.Loop;
import dev.awardsticker.gateway.view.ResumePoint;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The {@code /sse} endpoint of one event loop: the WebSocket feed for clients that speak plain HTTP (see
 * PROTOCOL.md, "Server-Sent Events"). One stream follows one ceremony. It opens the stream, reads the parameters and
 * the {@code Last-Event-ID}, and hands the stream to the loop's {@link Hub}, which serves it like a WebSocket: the
 * same views, resume, filters, encoded-once updates and slow-client policy; only the framing differs.
 */
public final class SseEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SseEndpoint.class);
    /** Unsent bytes a response may hold before events wait in its outbox (as for a WebSocket, see there). */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;
    /**
     * The reconnect delay suggested to clients ({@code retry:}): soon enough that a screen barely notices a
     * restarted gateway, not so soon that every screen hits it at once; browsers add their own backoff on errors.
     */
    static final long RETRY_MS = 2_000;

    private final Hub hub;
    private final AccessControl access;
    private final Loop loop;
    private boolean shuttingDown;

    public SseEndpoint(Loop loop) {
        this.loop = loop;
        this.hub = loop.hub();
        this.access = loop.access();
    }

    /** New streams get 503 from now on. */
    public void shutdown() {
        shuttingDown = true;
    }

    /**
     * Route handler for {@code GET /sse}; call it once the loop's views have caught up (as for a WebSocket
     * handshake), so a resume is answered from complete state.
     */
    public void open(RoutingContext ctx) {
        ctx.request().resume(); // it was paused if it waited for the views to catch up
        if (shuttingDown) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            Responses.error(ctx, 503, "this gateway is shutting down; connect again to reach another instance");
            return;
        }
        if (!crossOrigin(ctx)) {
            return;
        }
        Grant grant = Responses.authenticate(ctx, access);
        if (grant == null) {
            return;
        }
        SseRequest request;
        try {
            request = SseRequest.parse(ctx.request().params(), ctx.request().getHeader(SseRequest.LAST_EVENT_ID_HEADER));
        } catch (BadParamException e) {
            LOG.debug("SSE {} refused: {}", ctx.request().remoteAddress(), e.getMessage());
            Responses.json(ctx, 400, Map.of("error", e.getMessage(), "param", e.param()));
            return;
        }
        if (!grant.allows(request.ceremony())) {
            Responses.forbidden(ctx, request.ceremony());
            return;
        }
        start(ctx, request, grant);
    }

    /**
     * Route handler for {@code OPTIONS /sse}: the preflight of a cross-origin reader that sends headers an
     * {@code EventSource} does not (a fetch-based reader with {@code Authorization}).
     */
    public void preflight(RoutingContext ctx) {
        if (crossOrigin(ctx)) {
            ctx.response().setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Last-Event-ID, Accept, Cache-Control")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
        }
    }

    /**
     * Browsers let a page read another origin's stream only with CORS headers: sent for origins the gateway
     * allows (any, unless {@code GATEWAY_ALLOWED_ORIGINS} lists some), so they can also read its error answers;
     * a listed-origins gateway refuses other origins' pages with 403, as it does for the WebSocket.
     *
     * @return false when the request was answered (refused)
     */
    private boolean crossOrigin(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!access.originAllowed(request)) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            LOG.info("Refused an SSE stream from {}: origin {} is not in GATEWAY_ALLOWED_ORIGINS",
                    request.remoteAddress(), origin);
            Responses.error(ctx, 403, "pages from " + origin + " may not read this feed: the gateway's "
                    + "GATEWAY_ALLOWED_ORIGINS does not list it");
            return false;
        }
        String allow = access.allowOriginHeader(request);
        if (allow != null) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allow);
            if (!"*".equals(allow)) {
                ctx.response().putHeader(HttpHeaders.VARY, "Origin");
            }
        }
        return true;
    }

    private void start(RoutingContext ctx, SseRequest request, Grant grant) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // nginx and friends would otherwise buffer the stream, and events would arrive in lumps.
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        SseOutlet outlet = new SseOutlet(ctx.request());
        Client client = hub.connect(outlet, grant);
        response.closeHandler(v -> hub.disconnect(client));
        response.endHandler(v -> hub.disconnect(client));
        response.exceptionHandler(e -> LOG.debug("SSE {}: {}", outlet.remote(), e.getMessage()));
        response.drainHandler(v -> hub.drain(client));
        loop.seam().batchFlushes(loop.batching(), ctx.request().connection());
        outlet.writeRaw(SseEvents.retry(RETRY_MS));
        subscribe(client, request);
        LOG.debug("SSE {} opened for {}", outlet.remote(), request.ceremony());
    }

    /** The first events of a stream: a snapshot, or the missed updates after Last-Event-ID, or a reset. */
    private void subscribe(Client client, SseRequest request) {
        String lastEventId = request.lastEventId();
        if (lastEventId == null) {
            hub.subscribe(client, request.ceremony(), request.filter(), null, null);
            return;
        }
        LastEventId position = LastEventId.parse(lastEventId);
        if (position == null) {
            hub.subscribe(client, request.ceremony(), request.filter(), null, "Last-Event-ID \""
                    + shorten(lastEventId) + "\" is not a position of this feed (<ceremony>:<epoch>:<seq>)");
        } else if (!position.ceremony().equals(request.ceremony())) {
            hub.subscribe(client, request.ceremony(), request.filter(), null, "Last-Event-ID is a position of "
                    + shorten(position.ceremony()) + ", not of " + request.ceremony());
        } else {
            hub.subscribe(client, request.ceremony(), request.filter(),
                    new ResumePoint(position.epoch(), position.seq()), null);
        }
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
