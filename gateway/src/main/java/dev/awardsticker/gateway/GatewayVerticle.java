package dev.awardsticker.gateway;

import dev.awardsticker.gateway.feed.CeremonyViews;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.UpdateFeed;
import dev.awardsticker.gateway.web.HttpApi;
import dev.awardsticker.gateway.ws.CloseCodes;
import dev.awardsticker.gateway.ws.Frames;
import dev.awardsticker.gateway.ws.WebSocketHub;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * Wires feed, views, WebSocket hub and HTTP routes on one event loop. One instance on purpose: all views and
 * sockets then share one thread and need no locks; a single loop pushes far more updates than an awards night
 * produces.
 */
final class GatewayVerticle extends VerticleBase {
    private final GatewayConfig config;
    private CeremonyViews views;
    private WebSocketHub hub;
    private UpdateFeed feed;
    /** Set on the event loop, read by {@link GatewayService#port()} from any thread. */
    private volatile HttpServer server;

    GatewayVerticle(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        views = new CeremonyViews(config.resumeBuffer());
        hub = new WebSocketHub(vertx, views, config.heartbeatMs());
        feed = new UpdateFeed(config.kafkaBootstrapServers(), Frames::update, context, this::apply);
        Router router = Router.router(vertx);
        router.get("/ws").handler(hub::upgrade);
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
    }

    private void apply(List<FeedUpdate> batch, boolean caughtUp) {
        views.apply(batch, caughtUp, hub);
    }

    /** Sockets first (so clients hear why), then the feed thread, then the listener. */
    @Override
    public Future<?> stop() {
        return hub.shutdown()
                .eventually(() -> vertx.executeBlocking(() -> {
                    feed.close();
                    return null;
                }))
                .eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    int port() {
        return server.actualPort();
    }

    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setMaxWebSocketFrameSize(CloseCodes.MAX_MESSAGE_BYTES)
                // Above our own limit so that ours, with its documented close code, applies first.
                .setMaxWebSocketMessageSize(2 * CloseCodes.MAX_MESSAGE_BYTES)
                .setWebSocketClosingTimeout(5);
    }
}
