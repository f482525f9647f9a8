package dev.awardsticker.gateway.auth;

import dev.awardsticker.gateway.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.time.Instant;
import java.util.Set;

import static dev.awardsticker.gateway.Tokens.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2017-01-08T20:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();

    private final JwtVerifier verifier = new JwtVerifier(SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenListingCeremoniesAllowsExactlyThose() {
        Grant grant = verifier.verify(Tokens.hs256(SECRET, "{\"ceremonies\":[\"golden-globes-74\",\"oscars-89\"],"
                + "\"exp\":" + (NOW_S + 60) + "}"), NOW);
        assertEquals(Set.of("golden-globes-74", "oscars-89"), grant.ceremonies());
        assertTrue(grant.allows("oscars-89"));
        assertFalse(grant.allows("baftas-70"));
        assertEquals(Instant.ofEpochSecond(NOW_S + 60), grant.expiresAt());
        assertFalse(grant.expired(NOW));
        assertTrue(grant.expired(NOW.plusSeconds(60).plus(JwtVerifier.CLOCK_SKEW)));
    }

    @Test
    void aStarAllowsEveryCeremonyAndExpIsOptional() {
        Grant star = verifier.verify(Tokens.hs256(SECRET, "{\"ceremonies\":\"*\"}"), NOW);
        assertTrue(star.allows("anything"));
        assertNull(star.expiresAt());
        assertFalse(star.expired(NOW.plusSeconds(1_000_000_000)));
        assertTrue(verifier.verify(Tokens.hs256(SECRET, "{\"ceremonies\":[\"*\"]}"), NOW).allows("anything"));
    }

    @Test
    void toleratesClockSkewAroundExpAndNbf() {
        verifier.verify(Tokens.hs256(SECRET, "{\"ceremonies\":\"*\",\"exp\":" + (NOW_S - 10) + ",\"nbf\":"
                + (NOW_S + 10) + "}"), NOW);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"alg":"HS256"} | {"ceremonies":"*","exp":1483905540} | token expired at 2017-01-08T19:59:00Z
            {"alg":"HS256"} | {"ceremonies":"*","nbf":1483905660} | token is not valid before 2017-01-08T20:01:00Z
            {"alg":"HS256"} | {"sub":"x"}                          | token needs a "ceremonies" claim
            {"alg":"HS256"} | {"ceremonies":[]}                    | token needs a "ceremonies" claim
            {"alg":"HS256"} | {"ceremonies":"golden-globes-74"}    | token needs a "ceremonies" claim
            {"alg":"HS256"} | {"ceremonies":[7]}                   | must hold only ceremony ids
            {"alg":"HS256"} | {"ceremonies":"*","exp":"tomorrow"}  | "exp" claim must be seconds since 1970
            {"alg":"HS256"} | {"ceremonies":"*","exp":1e300}       | "exp" claim must be seconds since 1970
            {"alg":"none"}  | {"ceremonies":"*"}                   | its header says alg "none"
            {"alg":"RS256"} | {"ceremonies":"*"}                   | must be signed with HS256
            {}              | {"ceremonies":"*"}                   | must be signed with HS256
            """)
    void refusesWithAReasonAndNoStackTrace(String header, String claims, String expected) {
        assertRefused(Tokens.signed(SECRET, header, claims), expected);
    }

    @Test
    void refusesAForgedOrTamperedSignature() {
        assertRefused(Tokens.hs256("another-secret-that-is-at-least-32-bytes", "{\"ceremonies\":\"*\"}"),
                "signature is wrong");
        String token = Tokens.hs256(SECRET, "{\"ceremonies\":[\"golden-globes-74\"]}");
        String[] parts = token.split("\\.");
        assertRefused(parts[0] + "." + Tokens.encode("{\"ceremonies\":\"*\"}") + "." + parts[2], "signature is wrong");
        assertRefused(parts[0] + "." + parts[1] + ".", "signature is wrong");
        assertRefused(Tokens.signed(SECRET, "{\"alg\":\"none\"}", "{\"ceremonies\":\"*\"}").replaceAll("[^.]+$", ""),
                "must be signed with HS256");
    }

    @Test
    void refusesWhatIsNotAJwt() {
        assertRefused("hello", "not a JWT");
        assertRefused("a.b.c.d", "not a JWT");
        assertRefused("!!.e30.x", "header is not base64url");
        assertRefused(Tokens.encode("[1]") + ".e30.x", "header is not a JSON object");
        assertRefused(Tokens.encode("{") + ".e30.x", "header is not valid JSON");
    }

    @Test
    void rs256AndEs256TokensAreVerifiedWithAPemPublicKeyFile(@TempDir Path dir) throws Exception {
        KeyPair rsa = Tokens.keyPair("RSA");
        KeyPair ec = Tokens.keyPair("EC");
        Path pem = dir.resolve("idp.pem");
        Files.writeString(pem, Tokens.pem(rsa.getPublic()) + Tokens.pem(ec.getPublic()));
        JwtVerifier keys = JwtVerifier.create(null, pem, null);
        assertEquals(List.of("ES256", "RS256"), keys.algorithms());
        String claims = "{\"ceremonies\":[\"oscars-89\"],\"exp\":" + (NOW_S + 60) + "}";

        assertTrue(keys.verify(Tokens.signedWithKey(rsa.getPrivate(), "{\"alg\":\"RS256\"}", claims), NOW)
                .allows("oscars-89"));
        assertTrue(keys.verify(Tokens.signedWithKey(ec.getPrivate(), "{\"alg\":\"ES256\"}", claims), NOW)
                .allows("oscars-89"));
        // Same claims checks and messages as with HS256.
        assertRefusedBy(keys, Tokens.signedWithKey(rsa.getPrivate(), "{\"alg\":\"RS256\"}",
                "{\"ceremonies\":\"*\",\"exp\":1483905540}"), "token expired at 2017-01-08T19:59:00Z");
        assertRefusedBy(keys, Tokens.signedWithKey(ec.getPrivate(), "{\"alg\":\"ES256\"}", "{\"sub\":\"x\"}"),
                "token needs a \"ceremonies\" claim");
        // Another provider's key, a mislabelled algorithm, and no shared secret configured.
        assertRefusedBy(keys, Tokens.signedWithKey(Tokens.keyPair("RSA").getPrivate(), "{\"alg\":\"RS256\"}", claims),
                "token signature is wrong: it was not signed with a key this gateway trusts");
        assertRefusedBy(keys, Tokens.signedWithKey(ec.getPrivate(), "{\"alg\":\"RS256\"}", claims),
                "token signature is wrong");
        assertRefusedBy(keys, Tokens.hs256(SECRET, claims), "token must be signed with ES256 or RS256, its header says "
                + "alg \"HS256\"");
    }

    @Test
    void aPublicKeyCannotBeUsedAsAnHmacSecret(@TempDir Path dir) throws Exception {
        // The classic confusion attack: HS256 keyed with the (public) PEM text must not pass as RS256.
        KeyPair rsa = Tokens.keyPair("RSA");
        Path pem = dir.resolve("idp.pem");
        Files.writeString(pem, Tokens.pem(rsa.getPublic()));
        String forged = Tokens.signed(Files.readString(pem), "{\"alg\":\"HS256\"}", "{\"ceremonies\":\"*\"}");
        assertRefusedBy(JwtVerifier.create(null, pem, null), forged, "token must be signed with RS256");
        assertRefusedBy(JwtVerifier.create(SECRET, pem, null), forged, "token signature is wrong");
    }

    @Test
    void aJwksFileSelectsTheKeyByKidAndHs256KeepsWorkingBesideIt(@TempDir Path dir) throws Exception {
        KeyPair old = Tokens.keyPair("EC");
        KeyPair current = Tokens.keyPair("RSA");
        String jwks = new JWKSet(List.of(
                new ECKey.Builder(Curve.P_256, (ECPublicKey) old.getPublic()).keyID("2016").build(),
                new RSAKey.Builder((RSAPublicKey) current.getPublic()).keyID("2017").build())).toString();
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, jwks);
        JwtVerifier keys = JwtVerifier.create(SECRET, null, file);
        assertEquals(List.of("ES256", "HS256", "RS256"), keys.algorithms());
        String claims = "{\"ceremonies\":\"*\"}";

        assertTrue(keys.verify(Tokens.signedWithKey(current.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"2017\"}",
                claims), NOW).allows("any"));
        assertTrue(keys.verify(Tokens.signedWithKey(old.getPrivate(), "{\"alg\":\"ES256\",\"kid\":\"2016\"}",
                claims), NOW).allows("any"));
        assertTrue(keys.verify(Tokens.hs256(SECRET, claims), NOW).allows("any"));
        assertRefusedBy(keys, Tokens.signedWithKey(current.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"1999\"}",
                claims), "token signature is wrong");
    }

    @Test
    void unusableKeyFilesAreReportedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a key");
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.create(null, empty, null));
        assertTrue(noKey.getMessage().startsWith("GATEWAY_JWT_PUBLIC_KEY_FILE (" + empty + ") holds no"),
                noKey.getMessage());
        Path badJwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":7}");
        IllegalArgumentException notJwks = assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.create(null, null, badJwks));
        assertTrue(notJwks.getMessage().startsWith("GATEWAY_JWT_JWKS_FILE (" + badJwks + ") is not a JSON Web Key Set"),
                notJwks.getMessage());
        assertNull(JwtVerifier.create(null, null, null), "nothing configured: no tokens required");
    }

    private static void assertRefusedBy(JwtVerifier verifier, String token, String expected) {
        AuthException refused = assertThrows(AuthException.class, () -> verifier.verify(token, NOW));
        assertTrue(refused.getMessage().contains(expected), () -> "message was: " + refused.getMessage());
    }

    private void assertRefused(String token, String expected) {
        AuthException refused = assertThrows(AuthException.class, () -> verifier.verify(token, NOW));
        assertTrue(refused.getMessage().contains(expected), () -> "message was: " + refused.getMessage());
        assertEquals(0, refused.getStackTrace().length, "expected client errors carry no stack trace");
    }
}
