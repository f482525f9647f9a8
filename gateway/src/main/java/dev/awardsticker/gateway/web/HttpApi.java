package dev.awardsticker.gateway.web;

import dev.awardsticker.gateway.feed.CeremonyViews;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Plain HTTP next to the feeds: health and readiness for orchestrators, and the dashboard page. The ceremonies'
 * JSON is {@code rest.CeremonyApi}; mount it first, as this mounts the catch-all static handler.
 */
public final class HttpApi {
    private final CeremonyViews views;
    private final Supplier<String> feedStatus;

    /** @param feedStatus what the feed is doing, shown by {@code /ready} until the views have caught up */
    public HttpApi(CeremonyViews views, Supplier<String> feedStatus) {
        this.views = views;
        this.feedStatus = feedStatus;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
        router.get("/*").handler(StaticHandler.create("webroot"));
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
