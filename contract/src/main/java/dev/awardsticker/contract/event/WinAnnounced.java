package dev.awardsticker.contract.event;

/**
 * An envelope was opened: {@code nominee} won {@code category}. {@code tie} marks a deliberate second winner
 * (ties happen: the 1969 Best Actress Oscar).
 */
public record WinAnnounced(String eventId, String ceremony, String category, String nominee, boolean tie,
                           long ingestedAt, String editor) implements EditorEvent {

    /** The part an editor typed: two submits with the same id must agree on it to count as one. */
    public String fingerprint() {
        return ceremony + "\u0000" + category + "\u0000" + nominee + "\u0000" + tie;
    }
}
