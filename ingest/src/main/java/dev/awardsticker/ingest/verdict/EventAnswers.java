package dev.awardsticker.ingest.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.Replies.Reply;

import java.util.Optional;

/**
 * What an editor is told about a command (editor event or definition) that Kafka has stored: the Streams app's
 * verdict on it, as HTTP.
 * <ul>
 *   <li>ACCEPTED: 202, with the sequence number of the update it produced;</li>
 *   <li>DUPLICATE of an accepted event: 200, the original result (its first sequence number), nothing changed;
 *       for a definition: 200, it is identical to the one the ticker holds, nothing was published;</li>
 *   <li>REJECTED, or a DUPLICATE of a rejected event: 409 saying why and what to send instead;</li>
 *   <li>no verdict in time: 202 PENDING. Never an error: the event is durable and will be decided, and sending
 *       it again with the same eventId is always safe (the answer is then its verdict).</li>
 * </ul>
 */
public final class EventAnswers {
    private EventAnswers() {}

    public enum Status { ACCEPTED, DUPLICATE, PENDING }

    /**
     * @param firstSeq  the first update sequence number the event (or, for a duplicate, the original) produced;
     *                  absent while pending
     * @param partition where the command of this request is stored on {@code ceremony-commands}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventResult(String eventId, String ceremony, Status status, Long firstSeq, int partition,
                              long offset, long ingestedAt, String message) {}

    /**
     * The answer for {@code command}, stored at {@code position}, given its verdict (empty: none within
     * {@code waitedMs}). Fails with a 409 {@link ApiError} when it was rejected. A definition's eventId is ingest's,
     * not the editor's, so its answers say what to do without it.
     */
    public static Reply answer(CeremonyCommand command, EventPosition position, Optional<WinVerdict> verdict,
                               long waitedMs) {
        if (command instanceof DefinitionPosted definition) {
            return definitionAnswer(definition, position, verdict, waitedMs);
        }
        EditorEvent event = (EditorEvent) command;
        if (verdict.isEmpty()) {
            return new Reply(202, result(event, position, Status.PENDING, null, "Stored in Kafka but not decided"
                    + " within " + waitedMs + " ms; the ticker will decide it. To learn the outcome, send the same"
                    + " request again with the same eventId: it is never counted twice."));
        }
        WinVerdict v = verdict.get();
        return switch (v.status()) {
            case ACCEPTED -> new Reply(202, result(event, position, Status.ACCEPTED, v.firstSeq(), null));
            case DUPLICATE -> {
                if (duplicateOfRejected(v)) {
                    throw ApiError.conflict(null, "Not recorded: eventId '" + event.eventId() + "' was sent before"
                            + " with this same body and was rejected then. Nothing changed: fix the event and send it"
                            + " with a new eventId.");
                }
                yield new Reply(200, result(event, position, Status.DUPLICATE, v.firstSeq(), "Already recorded:"
                        + " eventId '" + event.eventId() + "' was accepted before with this same body"
                        + (v.firstSeq() > 0 ? " (its first update is #" + v.firstSeq() + ")" : "")
                        + "; this retry changed nothing."));
            }
            case REJECTED -> throw rejected(event, v.reason());
        };
    }

    private static Reply definitionAnswer(DefinitionPosted definition, EventPosition position,
                                          Optional<WinVerdict> verdict, long waitedMs) {
        if (verdict.isEmpty()) {
            return new Reply(202, result(definition, position, Status.PENDING, null, "Stored in Kafka but not taken"
                    + " up by the ticker within " + waitedMs + " ms; it will be. Sending the same definition again is"
                    + " always safe: if the ticker holds it by then, the answer is DUPLICATE (unchanged)."));
        }
        WinVerdict v = verdict.get();
        return switch (v.status()) {
            case ACCEPTED -> new Reply(202, result(definition, position, Status.ACCEPTED, v.firstSeq(), null));
            // Only ever "identical to the definition held": a definition's eventId is ingest's, never reused.
            case DUPLICATE -> new Reply(200, result(definition, position, Status.DUPLICATE, null, "Unchanged: the"
                    + " ticker already holds this very definition of '" + definition.ceremony() + "'; nothing was"
                    + " published."));
            case REJECTED -> throw ApiError.conflict(null, "Not recorded: " + (v.reason() == null
                    || v.reason().isBlank() ? "the ticker rejected the definition" : v.reason()) + ". Nothing"
                    + " changed: the ticker keeps the definition it had; fix this one and send it again.");
        };
    }

    /**
     * The Streams app answers a retry of a rejected event with DUPLICATE ("already processed as REJECTED"): for
     * the editor that is the original result, a rejection, not "already recorded". The verdict has no field for
     * the original status, so its reason is where it shows.
     */
    private static boolean duplicateOfRejected(WinVerdict verdict) {
        return verdict.reason() != null && verdict.reason().contains(WinVerdict.Status.REJECTED.name());
    }

    /**
     * A 409 with the Streams app's reason, the field it is about when the reason points at one, and what to do.
     * The eventId is spent on the rejected event (a retry with it gets this same answer), hence "a new eventId".
     */
    static ApiError rejected(EditorEvent event, String reason) {
        String why = reason == null || reason.isBlank() ? "the ticker rejected it" : reason;
        String field = fieldOf(event, why);
        String advice;
        if ("eventId".equals(field)) {
            advice = "A new event needs a new eventId; to get the original's result, send its body unchanged with"
                    + " this eventId.";
        } else if (decided(why)) {
            advice = "For a deliberate second winner send the win with \"tie\": true; to replace the winner send"
                    + " POST /ceremonies/" + event.ceremony() + "/corrections. Use a new eventId either way: '"
                    + event.eventId() + "' now names this rejected event.";
        } else {
            advice = "Nothing changed: fix the event and send it with a new eventId ('" + event.eventId()
                    + "' now names this rejected event).";
        }
        return ApiError.conflict(field, "Not recorded: " + why + ". " + advice);
    }

    /**
     * The request field a rejection is about, recognised in the Streams app's wording (see its CeremonyLedger
     * and CeremonyProcessor, which quote the name they refuse first); null when it names none. Only a hint: the
     * message carries the reason verbatim.
     */
    static String fieldOf(EditorEvent event, String reason) {
        String r = reason.toLowerCase();
        if (r.contains("eventid")) {
            return "eventId";
        }
        if (event instanceof WinCorrected c && reason.startsWith("'" + c.correctNominee() + "'")) {
            return "correctNominee";
        }
        if (decided(reason) || r.startsWith("category ")) {
            return "category";
        }
        if (r.contains("nominated") || r.contains("winner")) {
            return "nominee";
        }
        return null;
    }

    private static boolean decided(String reason) {
        return reason.toLowerCase().contains("already decided");
    }

    private static EventResult result(CeremonyCommand event, EventPosition position, Status status, Long firstSeq,
                                      String message) {
        return new EventResult(event.eventId(), event.ceremony(), status, firstSeq, position.partition(),
                position.offset(), event.ingestedAt(), message);
    }
}
