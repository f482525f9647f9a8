package dev.awardsticker.ingest.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.event.WinVerdict.Status;
import dev.awardsticker.ingest.TestData;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.Replies.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.awardsticker.ingest.web.ApiErrorAssert.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each verdict (or none) as the editor's HTTP answer. */
class EventAnswersTest {
    private static final WinAnnounced WIN = new WinAnnounced("gg:win:07", "gg", "Best Director", "Tom Ford", false,
            1234L, "alice");
    private static final EventPosition AT = new EventPosition(2, 41);

    private static JsonNode body(Reply reply) {
        return TestData.tree(Json.text(reply.body()));
    }

    private static Reply answer(WinVerdict verdict) {
        return EventAnswers.answer(WIN, AT, Optional.ofNullable(verdict), 5000);
    }

    @Test
    void acceptedIs202WithItsFirstSequenceNumber() {
        Reply reply = answer(new WinVerdict("gg", "gg:win:07", Status.ACCEPTED, null, 12));
        assertEquals(202, reply.status());
        assertEquals(TestData.tree("""
                {"eventId":"gg:win:07","ceremony":"gg","status":"ACCEPTED","firstSeq":12,"partition":2,"offset":41,
                 "ingestedAt":1234}"""), body(reply));
    }

    @Test
    void aDuplicateIs200WithTheOriginalsFirstSequenceNumber() {
        Reply reply = answer(new WinVerdict("gg", "gg:win:07", Status.DUPLICATE, "already processed as ACCEPTED", 12));
        assertEquals(200, reply.status());
        JsonNode body = body(reply);
        assertEquals("DUPLICATE", body.get("status").asText());
        assertEquals(12, body.get("firstSeq").asLong());
        assertEquals(41, body.get("offset").asLong(), "this request's own record");
        assertTrue(body.get("message").asText().startsWith("Already recorded"), body.toString());
    }

    @Test
    void noVerdictInTimeIs202PendingSayingItIsSafeToAskAgain() {
        Reply reply = answer(null);
        assertEquals(202, reply.status());
        JsonNode body = body(reply);
        assertEquals("PENDING", body.get("status").asText());
        assertFalse(body.has("firstSeq"), body.toString());
        assertEquals(2, body.get("partition").asInt());
        String message = body.get("message").asText();
        assertTrue(message.contains("within 5000 ms") && message.contains("same eventId"), message);
    }

    @Test
    void aRejectedCorrectionNamesTheFieldTheReasonQuotes() {
        WinCorrected correction = new WinCorrected("gg:fix:01", "gg", "Best Director", "Tom Ford", "Damien Chazelle",
                null, 1234L, "alice");
        WinVerdict replacementIsAWinner = new WinVerdict("gg", "gg:fix:01", Status.REJECTED,
                "'Damien Chazelle' is already a winner of 'Best Director'", 0);
        assertApiError(409, "correctNominee", () -> EventAnswers.answer(correction, AT,
                Optional.of(replacementIsAWinner), 5000));
        WinVerdict notTheWinner = new WinVerdict("gg", "gg:fix:01", Status.REJECTED,
                "'Tom Ford' is not a recorded winner of 'Best Director' (recorded: Isabelle Huppert)", 0);
        assertApiError(409, "nominee", () -> EventAnswers.answer(correction, AT, Optional.of(notTheWinner), 5000));
    }

    @Test
    void aRetryOfARejectedEventIsStillARejection() {
        ApiError error = assertApiError(409, null, () -> answer(new WinVerdict("gg", "gg:win:07", Status.DUPLICATE,
                "already processed as REJECTED", 0)));
        assertTrue(error.getMessage().contains("rejected") && error.getMessage().contains("new eventId"),
                error.getMessage());
    }

    private static final DefinitionPosted DEFINITION = new DefinitionPosted("3f1c", "gg",
            Json.read(TestData.definitionJson("gg").getBytes(StandardCharsets.UTF_8), CeremonyDefinition.class),
            1234L, "alice");

    private static Reply definitionAnswer(WinVerdict verdict) {
        return EventAnswers.answer(DEFINITION, AT, Optional.ofNullable(verdict), 5000);
    }

    @Test
    void anAcceptedDefinitionIs202WithTheSeqOfItsUpdateAndIngestsEventId() {
        Reply reply = definitionAnswer(new WinVerdict("gg", "3f1c", Status.ACCEPTED, null, 1));
        assertEquals(202, reply.status());
        assertEquals(TestData.tree("""
                {"eventId":"3f1c","ceremony":"gg","status":"ACCEPTED","firstSeq":1,"partition":2,"offset":41,
                 "ingestedAt":1234}"""), body(reply));
    }

    @Test
    void anIdenticalDefinitionIs200UnchangedWithoutASeq() {
        Reply reply = definitionAnswer(new WinVerdict("gg", "3f1c", Status.DUPLICATE,
                "identical to the definition already held; nothing changed", 0));
        assertEquals(200, reply.status());
        JsonNode body = body(reply);
        assertEquals("DUPLICATE", body.get("status").asText());
        assertFalse(body.has("firstSeq"), body.toString());
        assertTrue(body.get("message").asText().startsWith("Unchanged: "), body.toString());
    }

    @Test
    void aDefinitionWithoutVerdictInTimeIsPendingAndSaysSendingItAgainIsSafe() {
        Reply reply = definitionAnswer(null);
        assertEquals(202, reply.status());
        JsonNode body = body(reply);
        assertEquals("PENDING", body.get("status").asText());
        assertTrue(body.get("message").asText().contains("same definition again"), body.toString());
        assertFalse(body.get("message").asText().contains("eventId"), "the editor never saw its eventId");
    }

    @Test
    void aRejectedDefinitionIsA409WithTheReason() {
        ApiError error = assertApiError(409, null, () -> definitionAnswer(new WinVerdict("gg", "3f1c",
                Status.REJECTED, "the ceremony id does not match the key", 0)));
        assertTrue(error.getMessage().startsWith("Not recorded: the ceremony id does not match the key."),
                error.getMessage());
        assertTrue(error.getMessage().contains("keeps the definition it had"), error.getMessage());
    }

    /** The Streams app's reasons (CeremonyLedger, CeremonyProcessor) and the field each points at. */
    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments("'Best Director' is already decided (Damien Chazelle); mark the win as a tie or send a"
                        + " correction", "category", "\"tie\": true"),
                arguments("eventId was already used for a different event; use a new eventId for a new event",
                        "eventId", "send its body unchanged"),
                arguments("'Tom Ford' is already the winner of 'Best Director'", "nominee", "new eventId"),
                arguments("'Tom Ford' is not nominated in 'Best Director'", "nominee", "new eventId"),
                arguments("'Tom Ford' is not a recorded winner of 'Best Director' (no winner yet)", "nominee",
                        "new eventId"),
                arguments("category 'Best Actor' is not in gg", "category", "new eventId"),
                arguments("ceremony 'gg' is not defined", null, "new eventId"),
                arguments(null, null, "new eventId"));
    }

    @ParameterizedTest(name = "{0} -> 409 {1}")
    @MethodSource("rejections")
    void aRejectionIs409WithTheReasonTheFieldAndWhatToDo(String reason, String field, String advice) {
        String message = assertApiError(409, field, () -> answer(new WinVerdict("gg", "gg:win:07", Status.REJECTED,
                reason, 0))).getMessage();
        assertTrue(message.startsWith("Not recorded: " + (reason == null ? "the ticker rejected it" : reason)),
                message);
        assertTrue(message.contains(advice), message);
    }
}
