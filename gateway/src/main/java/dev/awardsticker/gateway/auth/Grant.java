package dev.awardsticker.gateway.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What an authenticated client may see: the ceremonies of its token's {@code ceremonies} claim, until it expires.
 *
 * @param ceremonies    ceremony ids it may subscribe to; ignored when {@code anyCeremony}
 * @param anyCeremony   the claim was {@code "*"}, or the gateway does not authenticate at all
 * @param expiresAt     the token's {@code exp}; null if it has none (or there is no token)
 */
public record Grant(Set<String> ceremonies, boolean anyCeremony, Instant expiresAt) {

    /** What every client gets when the gateway does not authenticate. */
    public static final Grant OPEN = new Grant(Set.of(), true, null);

    public Grant {
        ceremonies = Set.copyOf(ceremonies);
    }

    public boolean allows(String ceremony) {
        return anyCeremony || ceremonies.contains(ceremony);
    }

    /** Whether the token has run out at {@code now}, allowing for {@link JwtVerifier#CLOCK_SKEW}. */
    public boolean expired(Instant now) {
        return JwtVerifier.expired(expiresAt, now);
    }
}
