package dev.awardsticker.contract.event;

/**
 * The Streams app's ruling on one editor event. Ingest answers 202 once the event is durable; this says
 * what became of it (the single arbiter is the ordered, exactly-once processing of the ceremony's partition).
 *
 * @param firstSeq first update sequence number the event produced (0 if none)
 */
public record WinVerdict(String ceremony, String eventId, Status status, String reason, long firstSeq) {
    public enum Status { ACCEPTED, DUPLICATE, REJECTED }
}
