package dev.awardsticker.contract.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Streams app's ruling on one command (editor event or definition). Ingest answers 202 once the command is
 * durable; this says what became of it (the single arbiter is the ordered, exactly-once processing of the
 * ceremony's partition).
 *
 * <p>A command that changed something is answered by its {@link CeremonyUpdate} itself ({@link #accepted}): the live
 * transaction then writes one output partition fewer. Only the commands that published nothing (DUPLICATE,
 * REJECTED) get a record of their own on {@code win-verdicts}.
 *
 * @param firstSeq the sequence number of the update the command produced (0 if none: rejected, or a definition
 *                 identical to the one held, answered DUPLICATE)
 */
public record WinVerdict(String ceremony, String eventId, Status status, String reason, long firstSeq) {
    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    /**
     * The verdict the update in {@code json} stands for, read from its first fields only: an imported ceremony's
     * update carries the whole ceremony, which a reader waiting for answers need not build.
     */
    public static WinVerdict acceptedFromUpdate(byte[] json) {
        String ceremony = null;
        String eventId = null;
        long seq = 0;
        boolean seqRead = false;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            // One pass, stopping once the three are read: they come before the update's changes.
            while ((ceremony == null || eventId == null || !seqRead) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "ceremony" -> ceremony = parser.getValueAsString();
                    case "eventId" -> eventId = parser.getValueAsString();
                    case "seq" -> {
                        seq = parser.getValueAsLong();
                        seqRead = true;
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WinVerdict(ceremony, eventId, Status.ACCEPTED, null, seq);
    }

    /** The verdict an update stands for: its command was accepted, and this is its position. */
    public static WinVerdict accepted(CeremonyUpdate update) {
        return new WinVerdict(update.ceremony(), update.eventId(), Status.ACCEPTED, null, update.seq());
    }
}
