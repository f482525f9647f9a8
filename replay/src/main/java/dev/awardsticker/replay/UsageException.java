package dev.awardsticker.replay;

/** The command line is wrong: exit 2 with this message and the usage, never a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
