package dev.awardsticker.gateway.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against {@code GATEWAY_ADMIN_TOKENS}. Tokens are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, against every configured token, so the time taken tells nothing
 * about which characters or which token matched.
 */
final class AdminAuth {
    private final List<byte[]> digests;

    AdminAuth(List<String> tokens) {
        this.digests = tokens.stream().map(AdminAuth::sha256).toList();
    }

    boolean enabled() {
        return !digests.isEmpty();
    }

    /** @param authorization the header's value, or null */
    boolean allows(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
