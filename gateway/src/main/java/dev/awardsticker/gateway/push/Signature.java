package dev.awardsticker.gateway.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * {@code Webhook-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, as Stripe does: the timestamp is
 * signed too, so a receiver can refuse replays of old deliveries. The secret is taken as its UTF-8 bytes.
 */
public final class Signature {
    public static final String VERSION = "v1";

    private Signature() {}

    public static String header(String secret, long timestampSeconds, byte[] body) {
        return VERSION + "=" + HexFormat.of().formatHex(hmac(secret, timestampSeconds, body));
    }

    static byte[] hmac(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
