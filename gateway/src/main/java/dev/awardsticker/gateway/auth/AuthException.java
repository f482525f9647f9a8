package dev.awardsticker.gateway.auth;

/**
 * A client's credentials were refused. Expected in normal operation (expired tokens, typos), so it carries no stack
 * trace: its message, sent to the client in a close reason or an HTTP body, says what was wrong and what to do.
 */
public final class AuthException extends RuntimeException {
    public AuthException(String message) {
        super(message, null, false, false);
    }
}
