package dev.awardsticker.gateway.transport.sse;

/**
 * A query parameter the gateway cannot use. Expected in normal operation (hand-written URLs, typos), so it carries
 * no stack trace; it becomes a 400 whose JSON names the parameter and says what to send.
 */
final class BadParamException extends RuntimeException {
    private final String param;

    BadParamException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    String param() {
        return param;
    }
}
