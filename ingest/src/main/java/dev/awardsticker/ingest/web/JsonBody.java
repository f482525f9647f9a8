package dev.awardsticker.ingest.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.awardsticker.contract.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads request bodies as JSON trees. Bodies are checked field by field (see {@link JsonField}) instead of
 * bound straight to records, so that every error can name the field and say what it should hold.
 */
public final class JsonBody {
    /** Strict about what binding would let slip: trailing garbage and a field given twice. */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {}

    /** Route handler answering 415 unless the request says its body is JSON (any charset parameter is fine). */
    public static Handler<RoutingContext> requireJson() {
        return ctx -> {
            notJson(ctx).ifPresent(error -> {
                throw error;
            });
            ctx.next();
        };
    }

    /** The 415 for a request whose Content-Type is not JSON, if it is not. */
    public static Optional<ApiError> notJson(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (mediaType.equalsIgnoreCase("application/json")) {
            return Optional.empty();
        }
        return Optional.of(ApiError.unsupportedMediaType("Content-Type must be application/json"
                + (contentType == null ? " but none was sent" : ", not '" + contentType + "'")
                + ": send the body as JSON with 'Content-Type: application/json'."));
    }

    public static JsonNode read(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return parse(body == null ? new byte[0] : body.getBytes());
    }

    /** Parses a body, answering 400 with the line and column Jackson reports when it is not valid JSON. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest(null, "The body is empty: send a JSON document.");
        }
        try {
            JsonNode node = READER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest(null, "The body holds no JSON value: send a JSON document.");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.badRequest(null, "The body is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + ". Fix the JSON and send it again.");
        } catch (IOException e) {
            throw ApiError.badRequest(null, "The body could not be read as JSON: " + e.getMessage() + ".");
        }
    }
}
