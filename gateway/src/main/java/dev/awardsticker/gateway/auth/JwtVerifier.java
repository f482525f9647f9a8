package dev.awardsticker.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks subscriber tokens: JWTs (RFC 7519) signed with HS256 and the gateway's secret, carrying a
 * {@code ceremonies} claim. Only HS256 is accepted, whatever the token's header asks for, so a token cannot
 * downgrade itself to {@code "alg":"none"} or to another key type. Thread-safe.
 */
public final class JwtVerifier {
    /** Tolerated difference between the clocks of whoever issues tokens and this gateway. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** 9999-12-31T23:59:59Z: later dates are nonsense, and would overflow {@link Instant} arithmetic. */
    private static final long LAST_NUMERIC_DATE = 253_402_300_799L;

    private final SecretKeySpec key;

    /** @param secret the HMAC key; the caller has checked it is long enough (see GatewayConfig) */
    public JwtVerifier(byte[] secret) {
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** The grant the token carries, or an {@link AuthException} saying why it is refused. */
    public Grant verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AuthException("token is not a JWT (expected header.payload.signature)");
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asText("");
        if (!"HS256".equals(alg)) {
            throw new AuthException("token must be signed with HS256, its header says alg \"" + shorten(alg) + "\"");
        }
        // Constant-time comparison: timing must not reveal how much of a forged signature is right.
        if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), decode(parts[2], "signature"))) {
            throw new AuthException("token signature is wrong: it was not signed with this gateway's secret");
        }
        JsonNode claims = json(parts[1], "payload");
        Instant expiresAt = time(claims, "exp");
        if (expired(expiresAt, now)) {
            throw new AuthException("token expired at " + expiresAt + ": get a fresh one");
        }
        Instant notBefore = time(claims, "nbf");
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore)) {
            throw new AuthException("token is not valid before " + notBefore);
        }
        return grant(claims.get("ceremonies"), expiresAt);
    }

    /** Whether a token expiring at {@code expiresAt} (null: never) has run out at {@code now}, allowing for skew. */
    static boolean expired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt.plus(CLOCK_SKEW));
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance(HMAC); // cheap, and Mac is not thread-safe: one per check
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute " + HMAC, e);
        }
    }

    /** The {@code ceremonies} claim: {@code "*"}, or an array of ceremony ids (which may contain {@code "*"}). */
    private static Grant grant(JsonNode claim, Instant expiresAt) {
        if (claim != null && "*".equals(claim.textValue())) {
            return new Grant(Set.of(), true, expiresAt);
        }
        if (claim == null || !claim.isArray() || claim.isEmpty()) {
            throw new AuthException("token needs a \"ceremonies\" claim: an array of ceremony ids, or \"*\" for all");
        }
        Set<String> ids = new LinkedHashSet<>();
        boolean any = false;
        for (JsonNode id : claim) {
            if (!id.isTextual() || id.textValue().isBlank()) {
                throw new AuthException("token's \"ceremonies\" claim must hold only ceremony ids (strings)");
            }
            any |= "*".equals(id.textValue());
            ids.add(id.textValue());
        }
        return new Grant(ids, any, expiresAt);
    }

    /** A NumericDate claim (seconds since the epoch), or null when absent. */
    private static Instant time(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > LAST_NUMERIC_DATE) {
            throw new AuthException("token's \"" + name + "\" claim must be seconds since 1970 (a number)");
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = Json.MAPPER.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new AuthException("token " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AuthException("token " + what + " is not valid JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new AuthException("token " + what + " is not base64url");
        }
    }

    private static String shorten(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
