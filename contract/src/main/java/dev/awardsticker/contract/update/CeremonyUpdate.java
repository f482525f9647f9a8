package dev.awardsticker.contract.update;

/**
 * Envelope of every output change on {@code ceremony-updates}.
 *
 * @param epoch      identifies one history of the ceremony; it changes only if that history is reset
 *                   (topics recreated), and then sequence numbers start again
 * @param seq        1, 2, 3... per ceremony without gaps, assigned by the Streams app under exactly-once,
 *                   so every reader sees the same numbers and can tell when it missed something
 * @param eventId    the editor event that caused it (null for definition loads)
 * @param ingestedAt epoch millis when ingest accepted that event; end-to-end latency is measured from it
 */
public record CeremonyUpdate(String ceremony, long epoch, long seq, String eventId, long ingestedAt, Change change) {}
