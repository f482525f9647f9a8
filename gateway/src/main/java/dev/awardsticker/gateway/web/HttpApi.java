package dev.awardsticker.gateway.web;

import dev.awardsticker.contract.Json;
import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.AuthException;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.CeremonyViews;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Plain HTTP next to the WebSocket: health and readiness for orchestrators, a read-only JSON view of the
 * ceremonies, and the dashboard page. The ceremony views take the same token as the WebSocket when tokens are
 * required: they show what a subscription would.
 */
public final class HttpApi {

    /** One line of {@code GET /api/ceremonies}. {@code title} is null until the definition has been seen. */
    public record CeremonySummary(String id, String title, long epoch, long seq) {}

    private final CeremonyViews views;
    private final Supplier<String> feedStatus;
    private final AccessControl access;

    /** @param feedStatus what the feed is doing, shown by {@code /ready} until the views have caught up */
    public HttpApi(CeremonyViews views, Supplier<String> feedStatus, AccessControl access) {
        this.views = views;
        this.feedStatus = feedStatus;
        this.access = access;
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
        router.get("/api/ceremonies").handler(this::ceremonies);
        router.get("/api/ceremonies/:id").handler(this::ceremony);
        router.get("/*").handler(StaticHandler.create("webroot"));
    }

    /** Liveness: the event loop answers. Deliberately independent of Kafka, so a broker outage is no restart. */
    private void health(RoutingContext ctx) {
        json(ctx, 200, Map.of("status", "UP"));
    }

    /** Readiness: the views hold at least what Kafka held when this instance started. */
    private void ready(RoutingContext ctx) {
        if (views.caughtUp()) {
            json(ctx, 200, Map.of("status", "READY"));
        } else {
            json(ctx, 503, Map.of("status", "NOT_READY", "reason", feedStatus.get()));
        }
    }

    /** The ceremonies the caller may see. */
    private void ceremonies(RoutingContext ctx) {
        Grant grant = authenticate(ctx);
        if (grant == null) {
            return;
        }
        json(ctx, 200, views.all().stream()
                .filter(v -> grant.allows(v.ceremony()))
                .map(v -> new CeremonySummary(v.ceremony(), v.title(), v.epoch(), v.lastSeq()))
                .toList());
    }

    private void ceremony(RoutingContext ctx) {
        Grant grant = authenticate(ctx);
        if (grant == null) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!grant.allows(id)) {
            json(ctx, 403, Map.of("error", "your token's \"ceremonies\" claim does not include " + id));
            return;
        }
        views.find(id).map(CeremonyView::snapshot).ifPresentOrElse(
                snapshot -> json(ctx, 200, snapshot),
                () -> json(ctx, 404, Map.of("error", "no ceremony '" + id + "' on this gateway: GET /api/ceremonies "
                        + "lists the known ones (a ceremony appears with its first update)")));
    }

    /** The caller's grant, or null once a 401 saying why has been sent. */
    private Grant authenticate(RoutingContext ctx) {
        try {
            return access.authenticate(ctx.request());
        } catch (AuthException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            json(ctx, 401, Map.of("error", e.getMessage()));
            return null;
        }
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Json.text(body));
    }
}
