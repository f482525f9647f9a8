package dev.awardsticker.replay;

/** The command line is wrong: exit 2 with this message and the usage, never a stack trace. */
final class UsageException extends RuntimeException {
    private final String usage;

    UsageException(String message) {
        this(message, null);
    }

    /** @param usage the help of the (sub)command that was given, or null for the whole command's */
    UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    String usage() {
        return usage != null ? usage : Cli.usage();
    }
}
