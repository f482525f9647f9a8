package dev.awardsticker.gateway.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signing per Standard Webhooks (https://www.standardwebhooks.com): {@code webhook-signature: v1,<base64
 * HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, where the key is the base64-decoded part of a
 * {@code whsec_<base64>} secret. Several signatures are separated by spaces (a receiver accepts any one), which is
 * how a secret is rotated without failing deliveries. The published verifiers (npm/PyPI {@code standardwebhooks},
 * svix) check exactly this.
 */
public final class Signature {
    public static final String VERSION = "v1";
    public static final String PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {}

    /** A new secret: {@code whsec_} and 32 random bytes in standard base64. */
    public static String generateSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a standard secret, or empty when it is not {@code whsec_} + base64 of 24 to 64 bytes. */
    static Optional<byte[]> standardKey(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The key a secret signs with. Subscriptions created before the switch to the standard may hold other strings:
     * they keep signing with the text's UTF-8 bytes until an admin rotates them to a standard secret.
     */
    static byte[] key(String secret) {
        return standardKey(secret).orElseGet(() -> secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value: one {@code v1,<base64>} per secret, space-separated, in the order given. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, byte[] body) {
        return secrets.stream()
                .map(secret -> VERSION + "," + Base64.getEncoder().encodeToString(
                        hmac(key(secret), webhookId, timestampSeconds, body)))
                .collect(Collectors.joining(" "));
    }

    public static String header(String secret, String webhookId, long timestampSeconds, byte[] body) {
        return header(List.of(secret), webhookId, timestampSeconds, body);
    }

    static byte[] hmac(byte[] key, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
