package dev.awardsticker.gateway.auth;

import dev.awardsticker.gateway.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
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

    private void assertRefused(String token, String expected) {
        AuthException refused = assertThrows(AuthException.class, () -> verifier.verify(token, NOW));
        assertTrue(refused.getMessage().contains(expected), () -> "message was: " + refused.getMessage());
        assertEquals(0, refused.getStackTrace().length, "expected client errors carry no stack trace");
    }
}
