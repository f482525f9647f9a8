package dev.awardsticker.contract.update;

/**
 * A recorded winner was taken back by a correction or retraction; {@code decided} of {@code total}
 * categories are decided now. A correction is followed by the right winner's {@link WinnerDeclared}.
 */
public record WinnerWithdrawn(String category, String nominee, String work, String reason, String editor,
                              int decided, int total) implements Change {}
