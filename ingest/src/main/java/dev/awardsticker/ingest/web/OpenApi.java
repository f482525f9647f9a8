package dev.awardsticker.ingest.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the API's OpenAPI 3 description, shipped as a resource and served as it is. */
public final class OpenApi {
    public static final String PATH = "/openapi.json";
    public static final String RESOURCE = "openapi.json";

    private OpenApi() {}

    /** Reads the document once; a jar without it is a build mistake, so that fails the start. */
    public static Handler<RoutingContext> handler() {
        Buffer document = Buffer.buffer(document());
        return ctx -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(document);
    }

    public static byte[] document() {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: rebuild ingest");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
