package dev.awardsticker.gateway.http;

import dev.awardsticker.contract.Json;
import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.AuthException;
import dev.awardsticker.gateway.auth.Grant;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** JSON answers shared by the gateway's HTTP endpoints, so every error looks the same: {@code {"error":".."}}. */
public final class Responses {
    private Responses() {}

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Json.text(body));
    }

    public static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }

    /** The caller's grant, or null once a 401 saying why has been sent. */
    public static Grant authenticate(RoutingContext ctx, AccessControl access) {
        try {
            return access.authenticate(ctx.request());
        } catch (AuthException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, e.getMessage());
            return null;
        }
    }

    /** 503 with Retry-After: the gateway has not caught up with Kafka yet; {@code what} says with what and how far. */
    public static void unavailable(RoutingContext ctx, String what) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        error(ctx, 503, "this gateway is still " + what + "; ask again in a second");
    }

    /** 403 for a ceremony outside the token's claim. */
    public static void forbidden(RoutingContext ctx, String ceremony) {
        error(ctx, 403, "your token's \"ceremonies\" claim does not include " + ceremony);
    }
}
