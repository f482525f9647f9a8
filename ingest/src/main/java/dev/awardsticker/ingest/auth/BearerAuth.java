package dev.awardsticker.ingest.auth;

import dev.awardsticker.ingest.web.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Route handler guarding writes: {@code Authorization: Bearer <token>} names the editor, or the answer is 401. */
public final class BearerAuth implements Handler<RoutingContext> {
    private static final String EDITOR = "ingest.editor";
    private static final String PREFIX = "Bearer ";

    private final EditorTokens tokens;

    public BearerAuth(EditorTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiError.unauthorized("Missing Authorization header: send 'Authorization: Bearer <your editor"
                    + " token>'.", "Bearer realm=\"ingest\"");
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw ApiError.unauthorized("The Authorization header must be 'Bearer <your editor token>'.",
                    "Bearer realm=\"ingest\", error=\"invalid_request\"");
        }
        String editor = tokens.editorFor(header.substring(PREFIX.length()).strip()).orElseThrow(() ->
                ApiError.unauthorized("The bearer token is not valid: check your editor token, or ask the desk"
                        + " for one.", "Bearer realm=\"ingest\", error=\"invalid_token\""));
        ctx.put(EDITOR, editor);
        ctx.next();
    }

    /** The editor that {@link BearerAuth} let through. */
    public static String editor(RoutingContext ctx) {
        return ctx.get(EDITOR);
    }
}
