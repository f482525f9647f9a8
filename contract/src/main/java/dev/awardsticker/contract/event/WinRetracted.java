package dev.awardsticker.contract.event;

/** A win was entered by mistake: {@code nominee} did not win {@code category} (the category is open again). */
public record WinRetracted(String eventId, String ceremony, String category, String nominee, String reason,
                           long ingestedAt, String editor) implements EditorEvent {

    @Override
    public String fingerprint() {
        return String.join("\u0000", "retract", ceremony, category, nominee, String.valueOf(reason));
    }
}
