package dev.awardsticker.contract.event;

/**
 * The wrong winner was announced: {@code category} was won by {@code correctNominee}, not {@code nominee}
 * (the 89th Academy Awards' Best Picture: La La Land announced, Moonlight the winner).
 */
public record WinCorrected(String eventId, String ceremony, String category, String nominee, String correctNominee,
                           String reason, long ingestedAt, String editor) implements EditorEvent {

    @Override
    public String fingerprint() {
        return String.join("\u0000", "correct", ceremony, category, nominee, correctNominee, String.valueOf(reason));
    }
}
