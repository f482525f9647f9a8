package dev.awardsticker.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks subscriber tokens: JWTs (RFC 7519) carrying a {@code ceremonies} claim, signed with HS256 and the
 * gateway's secret ({@code GATEWAY_JWT_SECRET}) and/or with RS256 or ES256 and a public key of the identity provider
 * ({@code GATEWAY_JWT_PUBLIC_KEY_FILE}, {@code GATEWAY_JWT_JWKS_FILE}). Signatures and key selection (by {@code kid}
 * in a JWK set) are Nimbus JOSE+JWT's; only algorithms with a configured key are accepted, whatever the token's
 * header asks for, so a token cannot downgrade itself to {@code "alg":"none"} or pass a public key off as an HMAC
 * secret. The header is read first only to refuse with a clear reason. Thread-safe.
 */
public final class JwtVerifier {
    /** Tolerated difference between the clocks of whoever issues tokens and this gateway. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** 9999-12-31T23:59:59Z: later dates are nonsense, and would overflow {@link Instant} arithmetic. */
    private static final long LAST_NUMERIC_DATE = 253_402_300_799L;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final Set<JWSAlgorithm> algorithms;
    private final JWSVerificationKeySelector<SecurityContext> keys;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
    private final String signerName;

    private JwtVerifier(JWKSet keySet, boolean hasSecret) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        if (hasSecret) {
            algs.add(JWSAlgorithm.HS256);
        }
        if (keySet.getKeys().stream().anyMatch(k -> k instanceof RSAKey)) {
            algs.add(JWSAlgorithm.RS256);
        }
        if (keySet.getKeys().stream().anyMatch(k -> k instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))) {
            algs.add(JWSAlgorithm.ES256);
        }
        this.algorithms = Set.copyOf(algs);
        this.keys = new JWSVerificationKeySelector<>(algs, new ImmutableJWKSet<>(keySet));
        this.signerName = hasSecret && algs.size() == 1 ? "this gateway's secret" : "a key this gateway trusts";
    }

    /** @param secret the HMAC key; the caller has checked it is long enough (see GatewayConfig) */
    public JwtVerifier(byte[] secret) {
        this(new JWKSet(new OctetSequenceKey.Builder(secret).build()), true);
    }

    /**
     * A verifier for whatever is configured, or null when nothing is (no tokens required).
     *
     * @param secret        HS256 key text, or null
     * @param publicKeyFile PEM file with one or more RSA or EC (P-256) public keys or certificates, or null
     * @param jwksFile      JSON Web Key Set file (public keys; tokens pick one with {@code kid}), or null
     */
    public static JwtVerifier create(String secret, Path publicKeyFile, Path jwksFile) {
        List<JWK> all = new ArrayList<>();
        if (secret != null) {
            all.add(new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build());
        }
        if (publicKeyFile != null) {
            all.addAll(pemKeys(publicKeyFile));
        }
        if (jwksFile != null) {
            all.addAll(jwks(jwksFile));
        }
        return all.isEmpty() ? null : new JwtVerifier(new JWKSet(all), secret != null);
    }

    /** The algorithms a token may be signed with, e.g. {@code [HS256, RS256]}. */
    public List<String> algorithms() {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().toList();
    }

    /** The grant the token carries, or an {@link AuthException} saying why it is refused. */
    public Grant verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AuthException("token is not a JWT (expected header.payload.signature)");
        }
        String alg = json(parts[0], "header").path("alg").asText("");
        if (algorithms.stream().noneMatch(a -> a.getName().equals(alg))) {
            throw new AuthException("token must be signed with " + String.join(" or ", algorithms())
                    + ", its header says alg \"" + shorten(alg) + "\"");
        }
        if (!signatureValid(token)) {
            throw new AuthException("token signature is wrong: it was not signed with " + signerName);
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

    /** Any key matching the header's alg (and kid, if any) verifies the signature. */
    private boolean signatureValid(String token) {
        try {
            JWSObject jws = JWSObject.parse(token);
            for (Key key : keys.selectJWSKeys(jws.getHeader(), null)) {
                JWSVerifier verifier = verifiers.createJWSVerifier(jws.getHeader(), key);
                if (jws.verify(verifier)) {
                    return true;
                }
            }
            return false;
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return false; // a malformed header or signature the library cannot even check: not signed by us
        }
    }

    /** Whether a token expiring at {@code expiresAt} (null: never) has run out at {@code now}, allowing for skew. */
    static boolean expired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt.plus(CLOCK_SKEW));
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
        byte[] bytes;
        try {
            bytes = BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new AuthException("token " + what + " is not base64url");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new AuthException("token " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AuthException("token " + what + " is not valid JSON");
        }
    }

    private static List<JWK> pemKeys(Path file) {
        String setting = "GATEWAY_JWT_PUBLIC_KEY_FILE (" + file + ")";
        String text = read(file, setting);
        List<JWK> keys = new ArrayList<>();
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            try {
                PublicKey key = pem.group(1).equals("CERTIFICATE")
                        ? CertificateFactory.getInstance("X.509").generateCertificate(
                                new java.io.ByteArrayInputStream(der)).getPublicKey()
                        : publicKey(der);
                keys.add(jwk(key, setting));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(setting + ": block " + (keys.size() + 1) + " is not an RSA or EC "
                        + "public key (" + e.getMessage() + ")", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(setting + " holds no \"-----BEGIN PUBLIC KEY-----\" block; export the "
                    + "identity provider's key with e.g. openssl pkey -pubout -in key.pem");
        }
        return keys;
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
    }

    private static JWK jwk(PublicKey key, String setting) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException(setting + ": RSA keys must have at least 2048 bits");
            }
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw new IllegalArgumentException(setting + ": EC keys must be on P-256 (ES256), was " + curve);
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new IllegalArgumentException(setting + ": only RSA (RS256) and EC P-256 (ES256) keys are supported");
    }

    private static List<JWK> jwks(Path file) {
        String setting = "GATEWAY_JWT_JWKS_FILE (" + file + ")";
        String text = read(file, setting);
        List<JWK> keys;
        try {
            // Only the public halves: a file that also holds private keys must not make them usable here.
            keys = JWKSet.parse(text).toPublicJWKSet().getKeys().stream()
                    .filter(k -> k instanceof RSAKey || k instanceof ECKey).collect(Collectors.toList());
        } catch (ParseException e) {
            throw new IllegalArgumentException(setting + " is not a JSON Web Key Set ({\"keys\":[...]}): "
                    + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(setting + " holds no RSA or EC public key");
        }
        return keys;
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + " cannot be read: " + e.getMessage()
                    + "; point it at a readable file or unset it", e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
