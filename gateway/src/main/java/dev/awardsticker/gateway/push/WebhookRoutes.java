package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The admin API: {@code POST/GET /api/webhooks}, {@code GET/DELETE /api/webhooks/:id},
 * {@code POST /api/webhooks/:id/rotate-secret}, behind
 * {@code Authorization: Bearer} with a token from {@code GATEWAY_ADMIN_TOKENS}. A write is answered only once Kafka
 * acknowledged it, so what the caller was told is what every gateway will see. Secrets are shown once, when generated.
 */
final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final String BASE = "/api/webhooks";
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final long KAFKA_TIMEOUT_MS = 15_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String url, WebhookFilter filter, Instant createdAt, String secret, Status status,
                Instant previousSecretExpiresAt) {}

    /** @param retrying the delivery being retried now (its id, attempts so far, next attempt), or null */
    record Status(long delivered, long retried, long deadLettered, WebhookProgress.Position lastDelivered,
                  Instant lastDeliveredAt, String lastError, Instant lastErrorAt, WebhookProgress.Pending retrying,
                  Instant updatedAt) {
        static Status of(WebhookProgress p) {
            return p == null ? new Status(0, 0, 0, null, null, null, null, null, null)
                    : new Status(p.delivered(), p.retried(), p.deadLettered(), p.lastDelivered(), p.lastDeliveredAt(),
                    p.lastError(), p.lastErrorAt(), p.pending(), p.updatedAt());
        }
    }

    private final AdminAuth auth;
    private final WebhookStore store;
    private final WebhookTable table;

    WebhookRoutes(AdminAuth auth, WebhookStore store, WebhookTable table) {
        this.auth = auth;
        this.store = store;
        this.table = table;
    }

    void mount(Router router) {
        router.route(BASE + "*").handler(this::authorize);
        router.post(BASE).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::create);
        router.get(BASE).handler(this::list);
        router.get(BASE + "/:id").handler(this::get);
        router.delete(BASE + "/:id").handler(this::delete);
        router.post(BASE + "/:id/rotate-secret").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(this::rotateSecret);
    }

    private void authorize(RoutingContext ctx) {
        if (!auth.enabled()) {
            json(ctx, 503, error("webhooks admin disabled: set GATEWAY_ADMIN_TOKENS"));
        } else if (!auth.allows(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            json(ctx, 401, error("send Authorization: Bearer <token> with a token listed in GATEWAY_ADMIN_TOKENS"));
        } else {
            ctx.next();
        }
    }

    private void create(RoutingContext ctx) {
        WebhookRequest request;
        try {
            request = WebhookRequest.parse(ctx.body().asString());
        } catch (WebhookRequest.Invalid e) {
            json(ctx, 400, error(e.getMessage()));
            return;
        }
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        acked(ctx, store.updatesEnd()).compose(start -> {
            WebhookSubscription subscription = new WebhookSubscription(id, request.url(), request.secret(),
                    request.filter(), now, start);
            return acked(ctx, store.putSubscription(subscription)).map(metadata -> {
                table.written(id, subscription, metadata.offset());
                return subscription;
            });
        }).onSuccess(subscription -> {
            LOG.info("Webhook {} created for {} ({})", id, subscription.url(), subscription.filter());
            ctx.response().putHeader(HttpHeaders.LOCATION, BASE + "/" + id);
            json(ctx, 201, new View(id, subscription.url(), subscription.filter(), subscription.createdAt(),
                    request.generated() ? subscription.secret() : null, Status.of(null), null));
        }).onFailure(e -> kafkaFailed(ctx, "create", e));
    }

    private void list(RoutingContext ctx) {
        if (notCaughtUp(ctx)) {
            return;
        }
        json(ctx, 200, table.subscriptions().stream().map(this::view).toList());
    }

    private void get(RoutingContext ctx) {
        if (notCaughtUp(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        table.subscription(id).ifPresentOrElse(s -> json(ctx, 200, view(s)), () -> notFound(ctx, id));
    }

    private void delete(RoutingContext ctx) {
        if (notCaughtUp(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        if (table.subscription(id).isEmpty()) {
            notFound(ctx, id);
            return;
        }
        acked(ctx, store.deleteSubscription(id)).onSuccess(metadata -> {
            table.written(id, null, metadata.offset());
            LOG.info("Webhook {} deleted", id);
            ctx.response().setStatusCode(204).end();
        }).onFailure(e -> kafkaFailed(ctx, "delete", e));
    }

    /**
     * Replaces the secret in place. Deliveries are signed with the new and the old secret (two signatures in one
     * header) until the window ends, so receivers can switch without failing a delivery.
     */
    private void rotateSecret(RoutingContext ctx) {
        if (notCaughtUp(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        WebhookSubscription current = table.subscription(id).orElse(null);
        if (current == null) {
            notFound(ctx, id);
            return;
        }
        WebhookRequest.Rotation rotation;
        try {
            rotation = WebhookRequest.parseRotation(ctx.body().asString());
        } catch (WebhookRequest.Invalid e) {
            json(ctx, 400, error(e.getMessage()));
            return;
        }
        Instant previousUntil = Instant.now().plus(rotation.keepPrevious());
        WebhookSubscription rotated = current.rotated(rotation.secret(), previousUntil);
        acked(ctx, store.putSubscription(rotated)).onSuccess(metadata -> {
            table.written(id, rotated, metadata.offset());
            LOG.info("Webhook {}: secret rotated; the previous one signs too until {}", id, previousUntil);
            json(ctx, 200, new Rotated(id, rotation.generated() ? rotation.secret() : null,
                    rotated.previousSecretExpiresAt()));
        }).onFailure(e -> kafkaFailed(ctx, "rotation", e));
    }

    /** @param secret the new secret when generated (shown once), else null */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rotated(String id, String secret, Instant previousSecretExpiresAt) {}

    private View view(WebhookSubscription s) {
        return new View(s.id(), s.url(), s.filter(), s.createdAt(), null, Status.of(table.progress(s.id()).orElse(null)),
                s.previousSecretExpiresAt());
    }

    private boolean notCaughtUp(RoutingContext ctx) {
        if (table.caughtUp()) {
            return false;
        }
        ctx.response().putHeader("Retry-After", "1");
        json(ctx, 503, error("this gateway is still reading the webhook subscriptions from Kafka; try again in a "
                + "moment"));
        return true;
    }

    private static void notFound(RoutingContext ctx, String id) {
        json(ctx, 404, error("no webhook '" + id + "': GET " + BASE + " lists them"));
    }

    /** Back on the request's event loop, bounded in time. */
    private static <T> Future<T> acked(RoutingContext ctx, CompletableFuture<T> write) {
        return Future.fromCompletionStage(write, Vertx.currentContext() != null ? Vertx.currentContext()
                : ctx.vertx().getOrCreateContext()).timeout(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static void kafkaFailed(RoutingContext ctx, String what, Throwable e) {
        LOG.warn("Webhook {} failed: Kafka did not acknowledge ({})", what, e.getMessage());
        ctx.response().putHeader("Retry-After", "5");
        json(ctx, 503, error("Kafka did not acknowledge the " + what + " (" + e.getMessage() + "); it may not have "
                + "happened: check with GET " + BASE + " and try again"));
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Json.text(body));
    }
}
