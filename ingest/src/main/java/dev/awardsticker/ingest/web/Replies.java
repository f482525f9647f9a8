package dev.awardsticker.ingest.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Writes every answer of the API as JSON, errors as {@code {"error": ..., "field": ...}}. */
public final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(String error, String field) {}

    public static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    /** An answer whose status depends on the outcome. */
    public record Reply(int status, Object body) {}

    /** Answers with what {@code result} yields, or lets the failure handler answer its failure. */
    public static void reply(RoutingContext ctx, int status, Future<?> result) {
        reply(ctx, result.map(body -> new Reply(status, body)));
    }

    public static void reply(RoutingContext ctx, Future<Reply> result) {
        result.onSuccess(reply -> json(ctx, reply.status(), reply.body())).onFailure(ctx::fail);
    }

    public static void error(RoutingContext ctx, ApiError error) {
        error.headers().forEach(ctx.response()::putHeader);
        json(ctx, error.status(), new ErrorBody(error.getMessage(), error.field()));
    }

    /**
     * Router failure handler: API errors are answered as they are; a body over the limit (failed with 413 by
     * the body handler) gets its message; anything else is a bug, logged with its stack trace and answered 500.
     */
    public static Handler<RoutingContext> failureHandler(long maxBodyBytes) {
        return ctx -> {
            Throwable failure = ctx.failure();
            if (failure instanceof ApiError apiError) {
                error(ctx, apiError);
            } else if (failure == null && ctx.statusCode() == 413) {
                error(ctx, ApiError.tooLarge("The body is larger than " + maxBodyBytes + " bytes: send less per"
                        + " request (e.g. records in smaller batches) or raise INGEST_MAX_BODY_BYTES."));
            } else if (failure != null && JsonBody.notJson(ctx).isPresent()) {
                // A form or multipart body fails in Vert.x's form decoder (a field too long, say) before our own
                // check could answer that only JSON is taken here.
                error(ctx, JsonBody.notJson(ctx).get());
            } else if (failure == null && ctx.statusCode() > 0) {
                error(ctx, new ApiError(ctx.statusCode(), "The request failed with HTTP " + ctx.statusCode()
                        + ": check the method, path and headers.", null, Map.of()));
            } else {
                LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
                error(ctx, new ApiError(500, "Ingest failed unexpectedly (" + failure + "): nothing is confirmed;"
                        + " retry, and tell the ticker team if it persists.", null, Map.of()));
            }
        };
    }
}
