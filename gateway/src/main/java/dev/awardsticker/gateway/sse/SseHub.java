package dev.awardsticker.gateway.sse;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.CeremonyViews;
import dev.awardsticker.gateway.feed.Fanout;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Snapshot;
import dev.awardsticker.gateway.metrics.TransportCounts;
import dev.awardsticker.gateway.web.Responses;
import dev.awardsticker.gateway.ws.Catchup;
import dev.awardsticker.gateway.ws.ClientLimits;
import dev.awardsticker.gateway.ws.ClientRequest.ResumePoint;
import dev.awardsticker.gateway.ws.Delivery;
import dev.awardsticker.gateway.ws.FlushBatch;
import dev.awardsticker.gateway.ws.Frames;
import dev.awardsticker.gateway.ws.Selection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /sse} endpoint: the WebSocket feed for clients that speak plain HTTP (see PROTOCOL.md, "Server-Sent
 * Events"). One stream follows one ceremony. The same views, resume buffer, filters, encoded-once update bytes and
 * slow-client policy as the WebSocket serve it; only the framing differs. Runs on the gateway's event loop, like
 * the views, so a stream's snapshot and the updates after it can never interleave wrongly.
 */
public final class SseHub implements Fanout.Transport, TransportCounts {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    /** Unsent bytes a response may hold before events wait in its outbox (as for a WebSocket, see there). */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;
    /**
     * The reconnect delay suggested to clients ({@code retry:}): soon enough that a screen barely notices a
     * restarted gateway, not so soon that every screen hits it at once; browsers add their own backoff on errors.
     */
    static final long RETRY_MS = 2_000;

    private final Vertx vertx;
    private final CeremonyViews views;
    private final ClientLimits limits;
    private final AccessControl access;
    private final long keepaliveMs;
    private final Delivery delivery;
    private final FlushBatch flushes;
    private final Set<SseStream> streams = new LinkedHashSet<>();
    private final Map<String, Set<SseStream>> subscribers = new HashMap<>();
    private long keepaliveTimer = -1;
    private boolean shuttingDown;
    private long resumed;
    private long resumeResets;

    /** @param flushes the batching of flushes on this hub's event loop (see {@link FlushBatch}) */
    public SseHub(Vertx vertx, CeremonyViews views, ClientLimits limits, AccessControl access, long keepaliveMs,
                  FlushBatch flushes) {
        this.vertx = vertx;
        this.flushes = flushes;
        this.views = views;
        this.limits = limits;
        this.access = access;
        this.keepaliveMs = keepaliveMs;
        this.delivery = new Delivery(limits);
    }

    /**
     * Route handler for {@code GET /sse}; call it once the views have caught up (as for a WebSocket handshake),
     * so a resume is answered from complete state.
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

    public void startKeepalive() {
        keepaliveTimer = vertx.setPeriodic(keepaliveMs, id -> flushes.run(this::keepalive));
    }

    /** Ends every stream; clients reconnect (to another instance) and resume with their Last-Event-ID. */
    public void shutdown() {
        shuttingDown = true;
        vertx.cancelTimer(keepaliveTimer);
        List<SseStream> open = List.copyOf(streams);
        open.forEach(stream -> stream.end("gateway shutting down: reconnect and resume"));
        LOG.info("Ended {} SSE stream(s) for shutdown", open.size());
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
        SseStream stream = new SseStream(ctx.request(), request.ceremony(), request.filter(), grant,
                limits.maxQueuedFrames(), limits.maxQueuedBytes(), delivery::frameWritten);
        streams.add(stream);
        subscribers.computeIfAbsent(request.ceremony(), k -> new LinkedHashSet<>()).add(stream);
        response.closeHandler(v -> remove(stream));
        response.endHandler(v -> remove(stream));
        response.exceptionHandler(e -> LOG.debug("SSE {}: {}", stream.remote(), e.getMessage()));
        response.drainHandler(v -> flushes.run(stream.outbox()::flush));
        flushes.attach(ctx.request().connection());
        stream.writeRaw(SseEvents.retry(RETRY_MS));
        catchUp(stream, request.lastEventId());
        LOG.debug("SSE {} opened for {} ({} open)", stream.remote(), request.ceremony(), streams.size());
    }

    /** The first events of a stream: a snapshot, or the missed updates after Last-Event-ID, or a reset. */
    private void catchUp(SseStream stream, String lastEventId) {
        CeremonyView view = views.findOrEmpty(stream.ceremony());
        if (lastEventId == null) {
            send(stream, Catchup.of(view, stream.filter(), null, limits));
            return;
        }
        LastEventId position = LastEventId.parse(lastEventId);
        Catchup catchup;
        if (position == null) {
            catchup = Catchup.reset(view, stream.filter(), "Last-Event-ID \"" + shorten(lastEventId)
                    + "\" is not a position of this feed (<ceremony>:<epoch>:<seq>)");
        } else if (!position.ceremony().equals(stream.ceremony())) {
            catchup = Catchup.reset(view, stream.filter(), "Last-Event-ID is a position of " + shorten(position.ceremony())
                    + ", not of " + stream.ceremony());
        } else {
            catchup = Catchup.of(view, stream.filter(), new ResumePoint(position.epoch(), position.seq()), limits);
        }
        if (catchup instanceof Catchup.Resumed) {
            resumed++;
        } else {
            resumeResets++;
        }
        send(stream, catchup);
    }

    private void send(SseStream stream, Catchup catchup) {
        if (catchup instanceof Catchup.Fresh fresh) {
            sendSnapshot(stream, fresh.snapshot());
        } else if (catchup instanceof Catchup.Resumed resumedAt) {
            deliver(stream, SseEvents.event("resumed", null, Frames.resumed(stream.ceremony(), resumedAt.fromSeq())),
                    null);
            resumedAt.missed().forEach(update -> deliver(stream, SseEvents.update(update), update));
        } else if (catchup instanceof Catchup.Reset reset) {
            deliver(stream, SseEvents.event("reset", null, Frames.reset(stream.ceremony(), reset.reason())), null);
            sendSnapshot(stream, reset.snapshot());
        }
    }

    private void sendSnapshot(SseStream stream, Snapshot snapshot) {
        deliver(stream, SseEvents.event("snapshot", SseEvents.id(snapshot.ceremony(), snapshot.epoch(),
                snapshot.seq()), Frames.snapshot(snapshot)), null);
    }

    @Override
    public boolean hasSubscribers(String ceremony) {
        return subscribers.containsKey(ceremony);
    }

    @Override
    public void applied(CeremonyView view, FeedUpdate update) {
        Set<SseStream> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        Selection selection = new Selection(update, view);
        // Each distinct selection's event is built once, for the first stream that gets it, and shared.
        Map<FeedUpdate, Buffer> events = new IdentityHashMap<>();
        for (SseStream stream : List.copyOf(subscribed)) {
            selection.forFilter(stream.filter()).ifPresent(mine ->
                    deliver(stream, events.computeIfAbsent(mine, SseEvents::update), mine));
        }
    }

    @Override
    public void reset(CeremonyView view, FeedUpdate update) {
        Set<SseStream> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        String reason = "the ceremony's history was reset (new epoch " + view.epoch() + ")";
        for (SseStream stream : List.copyOf(subscribed)) {
            send(stream, Catchup.reset(view, stream.filter(), reason));
        }
    }

    /** Every event to a stream goes through here, so none can overtake a waiting one. */
    private void deliver(SseStream stream, Buffer event, FeedUpdate update) {
        delivery.deliver(stream.outbox(), event, update, reason -> closeTooSlow(stream, reason));
    }

    private void closeTooSlow(SseStream stream, String reason) {
        LOG.debug("SSE {} dropped: {}", stream.remote(), reason);
        stream.abort();
    }

    /**
     * A comment on every stream that is keeping up, so proxies keep quiet streams open and a vanished client is
     * noticed when the write fails. Also ends streams whose token expired and drops those whose events have
     * waited too long (even if no new update came to notice it).
     */
    private void keepalive() {
        long now = Delivery.now();
        for (SseStream stream : List.copyOf(streams)) {
            stream.outbox().flush(); // in case a drain was missed: it costs nothing when nothing waits
            if (access.expired(stream.grant())) {
                stream.end("token expired: reconnect with a fresh token and resume");
                continue;
            }
            delivery.closeIfBehindTooLong(stream.outbox(), now, reason -> closeTooSlow(stream, reason));
            if (!stream.outbox().behind() && !stream.writeQueueFull()) {
                stream.writeRaw(SseEvents.KEEP_ALIVE);
            }
        }
    }

    private void remove(SseStream stream) {
        if (!streams.remove(stream)) {
            return;
        }
        Set<SseStream> subscribed = subscribers.get(stream.ceremony());
        if (subscribed != null && subscribed.remove(stream) && subscribed.isEmpty()) {
            subscribers.remove(stream.ceremony());
        }
        LOG.debug("SSE {} closed ({} open)", stream.remote(), streams.size());
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public int clients() {
        return streams.size();
    }

    @Override
    public long framesSent() {
        return delivery.framesSent();
    }

    @Override
    public long conflated() {
        return delivery.conflated();
    }

    @Override
    public long slowDisconnects() {
        return delivery.closedTooSlow();
    }

    @Override
    public long resumed() {
        return resumed;
    }

    @Override
    public long resumeResets() {
        return resumeResets;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
