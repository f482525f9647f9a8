package dev.awardsticker.contract.event;

/**
 * An envelope was opened: {@code nominee} won {@code category}. {@code tie} marks a deliberate second winner
 * (ties happen: the 1969 Best Actress Oscar).
 */
public record WinAnnounced(String eventId, String ceremony, String category, String nominee, boolean tie,
                           long ingestedAt, String editor) implements EditorEvent {

    @Override
    public String fingerprint() {
        return String.join("\u0000", "announce", ceremony, category, nominee, String.valueOf(tie));
    }
}
