package dev.awardsticker.gateway;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.JwtVerifier;
import dev.awardsticker.gateway.feed.CeremonyViews;
import dev.awardsticker.gateway.feed.Fanout;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.UpdateFeed;
import dev.awardsticker.gateway.metrics.GatewayMetrics;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.gateway.push.Webhooks;
import dev.awardsticker.gateway.rest.CeremonyApi;
import dev.awardsticker.gateway.sse.SseHub;
import dev.awardsticker.gateway.web.HttpApi;
import dev.awardsticker.gateway.ws.ClientLimits;
import dev.awardsticker.gateway.ws.ClientStats;
import dev.awardsticker.gateway.ws.CloseCodes;
import dev.awardsticker.gateway.ws.FlushBatch;
import dev.awardsticker.gateway.ws.Frames;
import dev.awardsticker.gateway.ws.WebSocketHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Wires feed, views, WebSocket and SSE hubs and HTTP routes on one event loop. One instance on purpose: all views and
 * sockets then share one thread and need no locks; a single loop pushes far more updates than an awards night
 * produces.
 */
final class GatewayVerticle extends VerticleBase {
    /**
     * The kernel's send buffer per socket. Fixed rather than auto-tuned (up to 4 MiB on Linux): it is memory per
     * connection too, and frames in it can no longer be conflated, so a stalled client would hold megabytes of stale
     * tallies before the gateway even noticed. An awards feed needs little bandwidth; this still carries a snapshot
     * in a round trip or two.
     */
    static final int SOCKET_SEND_BUFFER_BYTES = 64 * 1024;

    /**
     * WebSocket handshakes and SSE requests held while a fresh gateway catches up; beyond this many, clients are
     * told to come back.
     */
    private static final int MAX_WAITING = 10_000;

    /** A request held until the views have caught up, and what then answers it. */
    private record Waiting(RoutingContext ctx, Handler<RoutingContext> handler) {}

    private final GatewayConfig config;
    private final WebhookConfig webhookConfig;
    private final List<Waiting> waiting = new ArrayList<>();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final FlushBatch flushes = new FlushBatch();
    private CeremonyViews views;
    private WebSocketHub hub;
    private SseHub sse;
    private Fanout fanout;
    private UpdateFeed feed;
    private Webhooks webhooks;
    /** Set on the event loop, read by {@link GatewayService#port()} from any thread. */
    private volatile HttpServer server;

    GatewayVerticle(GatewayConfig config, WebhookConfig webhookConfig) {
        this.config = config;
        this.webhookConfig = webhookConfig;
    }

    @Override
    public Future<?> start() {
        views = new CeremonyViews(config.resumeBuffer());
        AccessControl access = new AccessControl(config.allowedOrigins(),
                JwtVerifier.create(config.jwtSecret(), config.jwtPublicKeyFile(), config.jwtJwksFile()));
        ClientLimits limits = new ClientLimits(config.heartbeatMs(), config.clientQueueMax(),
                config.clientQueueMaxBytes());
        hub = new WebSocketHub(vertx, views, limits, access, flushes);
        sse = new SseHub(vertx, views, limits, access, config.sseKeepaliveMs(), flushes);
        fanout = new Fanout(views, List.of(hub, sse), metrics.endToEnd());
        metrics.bind(fanout, List.of(hub, sse), flushes);
        feed = new UpdateFeed(config.kafkaBootstrapServers(), Frames::update, context, this::apply);
        Router router = Router.router(vertx);
        router.get("/ws").handler(ctx -> onceCaughtUp(ctx, hub::upgrade));
        router.get("/sse").handler(ctx -> onceCaughtUp(ctx, sse::open));
        router.options("/sse").handler(sse::preflight);
        router.get("/metrics").handler(metrics::scrape);
        // Webhooks (push package): admin API and deliveries; mounted before HttpApi's catch-all static route.
        webhooks = new Webhooks(vertx, config.kafkaBootstrapServers(), webhookConfig, metrics.registry());
        webhooks.mount(router);
        new CeremonyApi(views, feed::status, access).mount(router);
        new HttpApi(views, feed::status).mount(router);
        return vertx.createHttpServer(serverOptions())
                .requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(this::started)
                .recover(e -> Future.failedFuture(new IllegalStateException("Gateway could not listen on "
                        + config.host() + ":" + config.port() + " (" + e.getMessage() + "); set GATEWAY_PORT to a "
                        + "free port", e)));
    }

    private void started(HttpServer listening) {
        server = listening;
        feed.start();
        hub.startHeartbeat();
        webhooks.start();
        sse.startKeepalive();
    }

    /** A batch's frames are flushed once per client, when the whole batch has been fanned out. */
    private void apply(List<FeedUpdate> batch, boolean caughtUp) {
        flushes.run(() -> views.apply(batch, caughtUp, fanout));
        if (views.caughtUp() && !waiting.isEmpty()) {
            List<Waiting> ready = new ArrayList<>(waiting);
            waiting.clear();
            ready.forEach(w -> w.handler().handle(w.ctx()));
        }
    }

    /**
     * A freshly started gateway holds WebSocket handshakes and SSE requests until its views have caught up with
     * Kafka: a client resuming against a half-rebuilt view would look "ahead of the gateway" and be reset for nothing.
     */
    private void onceCaughtUp(RoutingContext ctx, Handler<RoutingContext> handler) {
        if (views.caughtUp()) {
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

    /** Sockets and SSE streams first (so clients hear why), then webhook deliveries, the feed thread, the listener. */
    @Override
    public Future<?> stop() {
        waiting.forEach(w -> w.ctx().response().setStatusCode(503).putHeader("Retry-After", "1")
                .end("This gateway is shutting down; connect again to reach another instance."));
        waiting.clear();
        sse.shutdown();
        return hub.shutdown()
                .eventually(webhooks::stop)
                .eventually(() -> vertx.executeBlocking(() -> {
                    feed.close();
                    return null;
                }))
                .eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    int port() {
        return server.actualPort();
    }

    /** Read on the event loop that owns the hub, so the numbers are consistent; callable from any thread. */
    Future<ClientStats> clientStats() {
        Promise<ClientStats> stats = Promise.promise();
        context.runOnContext(v -> stats.complete(hub.stats()));
        return stats.future();
    }

    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                // HTTP/1.1 and WebSockets only: a client's h2c upgrade (Java's HttpClient tries one by default)
                // broke large snapshot responses.
                .setHttp2ClearTextEnabled(false)
                .setSendBufferSize(SOCKET_SEND_BUFFER_BYTES)
                .setMaxWebSocketFrameSize(CloseCodes.MAX_MESSAGE_BYTES)
                // Above our own limit so that ours, with its documented close code, applies first.
                .setMaxWebSocketMessageSize(2 * CloseCodes.MAX_MESSAGE_BYTES)
                .setWebSocketClosingTimeout(5);
    }
}
