package dev.awardsticker.contract.event;

/**
 * The Streams app's ruling on one command (editor event or definition). Ingest answers 202 once the event is durable; this says
 * what became of it (the single arbiter is the ordered, exactly-once processing of the ceremony's partition).
 *
 * @param firstSeq the sequence number of the update the command produced (0 if none: rejected, or a definition
 *                 identical to the one held, answered DUPLICATE)
 */
public record WinVerdict(String ceremony, String eventId, Status status, String reason, long firstSeq) {
    public enum Status { ACCEPTED, DUPLICATE, REJECTED }
}
