package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a command's one answer, with the command record's timestamp: either one {@link CeremonyUpdate} (the next seq of the ceremony, whatever the number of changes), which is
 * also the command's verdict ({@link WinVerdict#accepted}), or, for a command that changed nothing, one
 * {@link WinVerdict} (DUPLICATE or REJECTED) on {@code win-verdicts}. Never both. Either carries the command's
 * offset in the header {@link KafkaHeaders#COMMAND_OFFSET}, by which ingest hands it to the request that wrote the
 * command: the two topics are read side by side, so no order between them says which answer is whose.
 */
public final class UpdatePublisher {
    public static final String UPDATES_SINK = "updates-sink";
    public static final String VERDICTS_SINK = "verdicts-sink";

    private final ProcessorContext<String, byte[]> context;

    public UpdatePublisher(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    /** Writes the update at {@code state}'s next position; returns that state with the position taken. */
    public CeremonyState publish(Record<String, byte[]> command, CeremonyState state, String eventId, long ingestedAt,
                                 List<Change> changes) {
        long seq = state.lastSeq() + 1;
        CeremonyUpdate update = new CeremonyUpdate(command.key(), state.epoch(), seq, eventId, ingestedAt, changes);
        context.forward(new Record<>(command.key(), Json.bytes(update), command.timestamp(), answering()), UPDATES_SINK);
        return state.withLastSeq(seq);
    }

    /**
     * Writes the verdict of a command that published no update: DUPLICATE or REJECTED, never ACCEPTED (an accepted
     * command's verdict is its update).
     */
    public void verdict(Record<String, byte[]> command, WinVerdict verdict) {
        context.forward(new Record<>(command.key(), Json.bytes(verdict), command.timestamp(), answering()),
                VERDICTS_SINK);
    }

    /** The header naming the command being answered (none when the record has no position, as in some tests). */
    private RecordHeaders answering() {
        RecordHeaders headers = new RecordHeaders();
        context.recordMetadata().ifPresent(m -> headers.add(KafkaHeaders.COMMAND_OFFSET,
                Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
