package dev.awardsticker.gateway;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Mints JWTs for tests, as an operator's token service would. */
public final class Tokens {
    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    /** An HS256 token with the given {@code ceremonies} claim (JSON), expiring an hour from now. */
    public static String forCeremonies(String ceremoniesJson) {
        return hs256(SECRET, "{\"sub\":\"test\",\"ceremonies\":" + ceremoniesJson + ",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    public static String hs256(String secret, String claimsJson) {
        return signed(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claimsJson);
    }

    public static String signed(String secret, String headerJson, String claimsJson) {
        String input = encode(headerJson) + "." + encode(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
