package dev.awardsticker.gateway.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may connect: browser origins ({@code GATEWAY_ALLOWED_ORIGINS}, for the WebSocket and SSE) and subscriber tokens
 * ({@code GATEWAY_JWT_SECRET}, {@code GATEWAY_JWT_PUBLIC_KEY_FILE}, {@code GATEWAY_JWT_JWKS_FILE}). Both are off unless configured, and then everyone gets {@link Grant#OPEN}.
 */
public final class AccessControl {
    private static final String BEARER = "bearer ";

    private final Set<String> allowedOrigins;
    private final JwtVerifier verifier;
    private final Clock clock;

    /**
     * @param allowedOrigins origins that may open the WebSocket from a browser; empty: any
     * @param jwtSecret      the HS256 key subscriber tokens are signed with; null: no tokens required
     */
    public AccessControl(List<String> allowedOrigins, String jwtSecret) {
        this(allowedOrigins, jwtSecret, Clock.systemUTC());
    }

    AccessControl(List<String> allowedOrigins, String jwtSecret, Clock clock) {
        this(allowedOrigins, jwtSecret == null ? null : new JwtVerifier(jwtSecret.getBytes(StandardCharsets.UTF_8)),
                clock);
    }

    /** @param verifier checks subscriber tokens; null: no tokens required */
    public AccessControl(List<String> allowedOrigins, JwtVerifier verifier) {
        this(allowedOrigins, verifier, Clock.systemUTC());
    }

    AccessControl(List<String> allowedOrigins, JwtVerifier verifier, Clock clock) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(AccessControl::normalizeOrigin).toList());
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * Whether a WebSocket upgrade may proceed. Browsers always send Origin on a WebSocket upgrade and let any page
     * open one (no same-origin rule applies), so this is what keeps other sites' pages off the feed. A request
     * without Origin comes from a program, which could send any Origin it liked: refusing it would protect nothing.
     */
    public boolean originAllowed(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return allowedOrigins.isEmpty() || origin == null
                || allowedOrigins.contains(normalizeOrigin(origin));
    }

    /**
     * The {@code Access-Control-Allow-Origin} value that lets a page of the request's origin read a feed over plain
     * HTTP (SSE), where browsers do apply the same-origin rule: {@code *} when any origin may, the origin itself when
     * it is listed, null when the request has no Origin (not a cross-origin browser request) or may not.
     */
    public String allowOriginHeader(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        if (allowedOrigins.isEmpty()) {
            return "*";
        }
        return allowedOrigins.contains(normalizeOrigin(origin)) ? origin : null;
    }

    /**
     * The grant of the request's token: {@code Authorization: Bearer <JWT>}, else {@code ?token=<JWT>} (browsers
     * cannot set headers on a WebSocket). {@link Grant#OPEN} when tokens are not required.
     *
     * @throws AuthException when tokens are required and this one is missing or refused
     */
    public Grant authenticate(HttpServerRequest request) {
        if (verifier == null) {
            return Grant.OPEN;
        }
        String token = token(request);
        if (token == null) {
            throw new AuthException("a token is required: send ?token=<JWT> or Authorization: Bearer <JWT>");
        }
        return verifier.verify(token, clock.instant());
    }

    /** Whether a grant has run out, e.g. during a long connection. */
    public boolean expired(Grant grant) {
        return grant.expired(clock.instant());
    }

    /** Browsers send origins in lower case and without a trailing slash; configured ones are brought to that form. */
    public static String normalizeOrigin(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String token(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new AuthException("the Authorization header must be \"Bearer <JWT>\"");
            }
            return authorization.substring(BEARER.length()).trim();
        }
        String token = request.getParam("token");
        return token == null || token.isBlank() ? null : token.trim();
    }
}
