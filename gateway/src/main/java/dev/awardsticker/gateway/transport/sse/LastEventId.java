package dev.awardsticker.gateway.transport.sse;

/**
 * The position an SSE client last saw, as it sends it back in {@code Last-Event-ID}:
 * {@code <ceremony>:<epoch>:<seq>}. Parsed from the right, so a ceremony id may itself contain colons.
 */
record LastEventId(String ceremony, long epoch, long seq) {

    /** The position {@code raw} names, or null when it is not of the form {@code <ceremony>:<epoch>:<seq>}. */
    static LastEventId parse(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        int seqAt = text.lastIndexOf(':');
        int epochAt = seqAt <= 0 ? -1 : text.lastIndexOf(':', seqAt - 1);
        if (epochAt <= 0) {
            return null;
        }
        try {
            long epoch = Long.parseLong(text.substring(epochAt + 1, seqAt));
            long seq = Long.parseLong(text.substring(seqAt + 1));
            return epoch < 0 || seq < 0 ? null : new LastEventId(text.substring(0, epochAt), epoch, seq);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
