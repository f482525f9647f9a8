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

    /**
     * A token signed with a private key as an identity provider would, with the JDK only: {@code RS256} is
     * SHA256withRSA, {@code ES256} SHA256withECDSA in the raw r||s form JWS uses (RFC 7518, section 3.4).
     */
    public static String signedWithKey(java.security.PrivateKey key, String headerJson, String claimsJson) {
        String input = encode(headerJson) + "." + encode(claimsJson);
        try {
            java.security.Signature signature = java.security.Signature.getInstance(
                    key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA 2048 or EC P-256 key pair. */
    public static java.security.KeyPair keyPair(String algorithm) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as {@code openssl pkey -pubout} writes it. */
    public static String pem(java.security.PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
