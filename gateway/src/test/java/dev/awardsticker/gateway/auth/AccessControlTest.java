package dev.awardsticker.gateway.auth;

import dev.awardsticker.gateway.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token extraction and origins are covered against a real server in AuthIT; this covers time and spelling. */
class AccessControlTest {

    @Test
    void aGrantRunsOutWhileConnectedOnceItsExpPlusSkewHasPassed() {
        Instant exp = Instant.parse("2017-01-09T00:00:00Z");
        Grant grant = new Grant(Set.of("golden-globes-74"), false, exp);
        assertFalse(at(exp.plus(JwtVerifier.CLOCK_SKEW).minusSeconds(1)).expired(grant));
        assertTrue(at(exp.plus(JwtVerifier.CLOCK_SKEW)).expired(grant));
        assertFalse(at(Instant.MAX.minusSeconds(1)).expired(Grant.OPEN), "no token, no expiry");
    }

    @Test
    void originsAreComparedAsBrowsersSendThem() {
        assertEquals("https://news.example.com", AccessControl.normalizeOrigin(" https://News.Example.COM/ "));
        assertEquals("http://localhost:8080", AccessControl.normalizeOrigin("http://localhost:8080"));
    }

    private static AccessControl at(Instant now) {
        return new AccessControl(List.of(), Tokens.SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }
}
