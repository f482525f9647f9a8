package dev.awardsticker.gateway.http;

import dev.awardsticker.gateway.view.LoopViews;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Plain HTTP next to the feeds: health and readiness for orchestrators, the dashboard page, and a JSON 404 for every
 * path nothing else answers. The ceremonies' JSON is {@link CeremonyApi}; mount it first, as this mounts the
 * catch-all static handler.
 */
public final class HttpApi {
    private final LoopViews views;
    private final Supplier<String> feedStatus;

    /** @param feedStatus what the feed is doing, shown by {@code /ready} until the views have caught up */
    public HttpApi(LoopViews views, Supplier<String> feedStatus) {
        this.views = views;
        this.feedStatus = feedStatus;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
        router.get("/*").handler(StaticHandler.create("webroot"));
        // Vert.x Web answers an unknown route with an HTML page; clients of a JSON API expect JSON (PROTOCOL.md).
        router.errorHandler(404, HttpApi::notFound);
        router.errorHandler(405, HttpApi::notFound);
    }

    /** Any path no route (nor a dashboard file) answers: 404 with the usual JSON error, naming it. */
    static void notFound(RoutingContext ctx) {
        String path = ctx.request().path();
        Responses.json(ctx, 404, Map.of("error", "no such endpoint: " + ctx.request().method() + " " + path
                + "; PROTOCOL.md lists the API (GET /api/ceremonies, /api/history, /ws, /sse, /health, /ready, /metrics)",
                "path", path));
    }

    /** Liveness: the event loop answers. Deliberately independent of Kafka, so a broker outage is no restart. */
    private void health(RoutingContext ctx) {
        Responses.json(ctx, 200, Map.of("status", "UP"));
    }

    /** Readiness: the views hold at least what Kafka held when this instance started. */
    private void ready(RoutingContext ctx) {
        if (views.caughtUp()) {
            Responses.json(ctx, 200, Map.of("status", "READY"));
        } else {
            Responses.json(ctx, 503, Map.of("status", "NOT_READY", "reason", feedStatus.get()));
        }
    }
}
