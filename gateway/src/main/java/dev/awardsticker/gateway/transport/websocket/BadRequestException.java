package dev.awardsticker.gateway.transport.websocket;

/**
 * A client frame that breaks the protocol. Expected in normal operation (hand-written clients, typos), so it
 * carries no stack trace: its message, sent back in an error frame, says what was wrong and what to send.
 */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
