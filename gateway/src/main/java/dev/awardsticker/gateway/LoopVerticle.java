package dev.awardsticker.gateway;

import dev.awardsticker.gateway.http.CeremonyApi;
import dev.awardsticker.gateway.http.HistoryApi;
import dev.awardsticker.gateway.http.HttpApi;
import dev.awardsticker.gateway.hub.Batching;
import dev.awardsticker.gateway.hub.ClientLimits;
import dev.awardsticker.gateway.hub.ClientStats;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.transport.Loop;
import dev.awardsticker.gateway.transport.sse.SseEndpoint;
import dev.awardsticker.gateway.transport.websocket.CloseCodes;
import dev.awardsticker.gateway.transport.websocket.WebSocketEndpoint;
import dev.awardsticker.gateway.view.LoopViews;
import dev.awardsticker.gateway.view.Views;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop of the gateway: its own HTTP server on the shared port (Vert.x spreads accepted connections over
 * the loops' servers), router, {@link Hub}, endpoints and flush batching. Everything about a connection stays on the
 * loop that accepted it, single-threaded; what the loops share is the core's immutable versions and frames.
 */
final class LoopVerticle extends VerticleBase {
    /**
     * The kernel's send buffer per socket. Fixed rather than auto-tuned (up to 4 MiB on Linux): it is memory per
     * connection too, and frames in it can no longer be conflated, so a stalled client would hold megabytes of stale
     * tallies before the gateway even noticed. An awards feed needs little bandwidth; this still carries a snapshot
     * in a round trip or two.
     */
    static final int SOCKET_SEND_BUFFER_BYTES = 64 * 1024;

    /**
     * WebSocket handshakes and SSE requests held per loop while a fresh gateway catches up; beyond this many,
     * clients are told to come back.
     */
    private static final int MAX_WAITING = 10_000;

    /** A request held until the views have caught up, and what then answers it. */
    private record Waiting(RoutingContext ctx, Handler<RoutingContext> handler) {}

    private final GatewayCore core;
    private final int index;
    private final List<Waiting> waiting = new ArrayList<>();
    private Batching batching;
    private Hub hub;
    private WebSocketEndpoint websocket;
    private SseEndpoint sse;
    private HttpServer server;

    LoopVerticle(GatewayCore core, int index) {
        this.core = core;
        this.index = index;
    }

    int index() {
        return index;
    }

    Hub hub() {
        return hub;
    }

    Batching batching() {
        return batching;
    }

    @Override
    public Future<?> start() {
        GatewayConfig config = core.config;
        batching = core.seam.batching();
        ClientLimits limits = new ClientLimits(config.heartbeatMs(), config.clientQueueMax(),
                config.clientQueueMaxBytes());
        Timer tasks = core.metrics.loopTask(index);
        hub = new Hub(context, new LoopViews(), limits, config.sseKeepaliveMs(), core.access, batching,
                nanos -> tasks.record(nanos, TimeUnit.NANOSECONDS));
        Loop transports = new Loop(hub, core.access, core.seam, batching);
        websocket = new WebSocketEndpoint(transports);
        sse = new SseEndpoint(transports);
        Router router = Router.router(vertx);
        router.get("/ws").handler(ctx -> onceCaughtUp(ctx, websocket::upgrade));
        router.get("/sse").handler(ctx -> onceCaughtUp(ctx, sse::open));
        router.options("/sse").handler(sse::preflight);
        router.get("/metrics").handler(core.metrics::scrape);
        // Webhooks (push package): admin API; mounted before HttpApi's catch-all static route.
        core.webhooks.mount(router);
        new CeremonyApi(hub.views(), core.feed::status, core.access).mount(router);
        new HistoryApi(core.history, core.access).mount(router);
        new HttpApi(hub.views(), core.feed::status).mount(router);
        return vertx.createHttpServer(serverOptions()).requestHandler(router).listen(core.listenPort, config.host())
                .onSuccess(this::started)
                .recover(e -> Future.failedFuture(new IllegalStateException("Gateway could not listen on "
                        + config.host() + ":" + config.port() + " (" + e.getMessage() + "); set GATEWAY_PORT to a "
                        + "free port", e)));
    }

    private void started(HttpServer listening) {
        server = listening;
        hub.startSweep();
        core.started(this);
    }

    int port() {
        return server.actualPort();
    }

    /** A batch from the feed thread: handed to this loop's hub on this loop. Any thread. */
    void accept(Views.Batch batch, Hub.StepListener listener, Runnable done) {
        context.runOnContext(v -> {
            hub.accept(batch, listener, done);
            if (hub.views().caughtUp() && !waiting.isEmpty()) {
                List<Waiting> ready = new ArrayList<>(waiting);
                waiting.clear();
                ready.forEach(w -> w.handler().handle(w.ctx()));
            }
        });
    }

    /**
     * A freshly started gateway holds WebSocket handshakes and SSE requests until this loop's views have caught up
     * with Kafka: a client resuming against a half-rebuilt view would look "ahead of the gateway" and be reset for
     * nothing.
     */
    private void onceCaughtUp(RoutingContext ctx, Handler<RoutingContext> handler) {
        if (hub.views().caughtUp()) {
            handler.handle(ctx);
        } else if (waiting.size() < MAX_WAITING) {
            // Paused, the request can still be upgraded later (Vert.x's way to upgrade after async work).
            ctx.request().pause();
            waiting.add(new Waiting(ctx, handler));
        } else {
            ctx.response().setStatusCode(503).putHeader("Retry-After", "1")
                    .end("This gateway is still catching up with Kafka; connect again in a second.");
        }
    }

    /** How this loop's clients keep up; any thread. */
    Future<ClientStats> clientStats() {
        Promise<ClientStats> stats = Promise.promise();
        context.runOnContext(v -> stats.complete(hub.stats()));
        return stats.future();
    }

    /** Clients first (so they hear why), then the listener. */
    @Override
    public Future<?> stop() {
        waiting.forEach(w -> w.ctx().response().setStatusCode(503).putHeader("Retry-After", "1")
                .end("This gateway is shutting down; connect again to reach another instance."));
        waiting.clear();
        websocket.shutdown();
        sse.shutdown();
        return hub.shutdown().eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                // HTTP/1.1 and WebSockets only: a client's h2c upgrade (Java's HttpClient tries one by default)
                // broke large snapshot responses.
                .setHttp2ClearTextEnabled(false)
                .setSendBufferSize(SOCKET_SEND_BUFFER_BYTES)
                // Refused from the frame's header by Netty's decoder, before anything is read.
                .setMaxWebSocketFrameSize(CloseCodes.MAX_MESSAGE_BYTES)
                // The same limit for a message in several frames: Vert.x's aggregator refuses it before it is
                // handed over, so nothing over the limit is ever parsed (it is closed with 1009).
                .setMaxWebSocketMessageSize(CloseCodes.MAX_MESSAGE_BYTES)
                // No compression: every frame is encoded once and the same bytes go to every client, which a
                // per-client deflate context would have to compress again for each (and a frame written raw
                // could not be compressed at all).
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setWebSocketClosingTimeout(5);
    }
}
