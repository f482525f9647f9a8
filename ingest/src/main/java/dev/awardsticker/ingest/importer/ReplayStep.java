package dev.awardsticker.ingest.importer;

/**
 * One editor event of a replay, with a deterministic event id so a second replay repeats ids instead of
 * inventing new events: {@code <ceremony>:win:<order>} for a win, {@code <ceremony>:correction:<order>} for the
 * correction of the win announced {@code order}-th (two digits).
 *
 * @param correctTo    for a correction, the true winner; null for a win
 * @param approxTimeEt when it happened (US Eastern, "HH:mm"), or null when unknown: paces a real-time replay
 */
public record ReplayStep(Kind kind, String eventId, int order, String category, String nominee, String correctTo,
                         String reason, String approxTimeEt) {
    public enum Kind { WIN, CORRECTION }

    static ReplayStep win(String ceremonyId, AnnouncedWin win) {
        return new ReplayStep(Kind.WIN, winEventId(ceremonyId, win.order()), win.order(), win.category(),
                win.nominee(), null, null, win.approxTimeEt());
    }

    static ReplayStep correction(String ceremonyId, AnnouncedCorrection c) {
        return new ReplayStep(Kind.CORRECTION, String.format("%s:correction:%02d", ceremonyId, c.afterOrder()),
                c.afterOrder(), c.category(), c.announced(), c.correctTo(), c.reason(), c.approxTimeEt());
    }

    public static String winEventId(String ceremonyId, int order) {
        return String.format("%s:win:%02d", ceremonyId, order);
    }
}
