package dev.awardsticker.ingest.win;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.ingest.TestData;
import dev.awardsticker.ingest.ceremony.DefinitionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.awardsticker.ingest.web.ApiErrorAssert.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WinRequestTest {
    private static final String VALID = TestData.winJson("gg:win:01");
    private static final CeremonyDefinition CEREMONY =
            DefinitionParser.parse(TestData.tree(TestData.definitionJson("test-ceremony")));

    @Test
    void announcesAValidWin() {
        WinAnnounced event = WinRequest.parse(TestData.tree(VALID)).announce(CEREMONY, "alice", 1234L);
        assertEquals(new WinAnnounced("gg:win:01", "test-ceremony", "Best Director", "Damien Chazelle", false, 1234L,
                "alice"), event);
    }

    @Test
    void refusesAnUnknownFieldNamingItAndTheOneMeant() {
        // Before, "Tie": true was dropped and the win accepted as an ordinary, non-tie win.
        var error = assertApiError(400, "Tie", () -> WinRequest.parse(TestData.edit(VALID, "Tie", "true")));
        assertEquals("Tie is not a known field (did you mean \"tie\"?): send only category, eventId, nominee, tie.",
                error.getMessage());
        assertApiError(400, "foo", () -> WinRequest.parse(TestData.edit(VALID, "foo", "1")));
    }

    @Test
    void tieIsOptional() {
        assertEquals(false, WinRequest.parse(TestData.edit(VALID, "tie", null)).tie());
        assertEquals(true, WinRequest.parse(TestData.edit(VALID, "tie", "true")).tie());
    }

    static Stream<Arguments> badWins() {
        return Stream.of(
                arguments("eventId", null, "eventId"),
                arguments("eventId", "\"\"", "eventId"),
                arguments("eventId", "\"   \"", "eventId"),
                arguments("eventId", "\"" + "e".repeat(129) + "\"", "eventId"),
                arguments("eventId", "\"win 1\"", "eventId"),
                arguments("eventId", "\"win/1\"", "eventId"),
                arguments("eventId", "\"gewinn-ü\"", "eventId"),
                arguments("eventId", "12", "eventId"),
                arguments("eventId", "null", "eventId"),
                arguments("category", null, "category"),
                arguments("category", "\"\"", "category"),
                arguments("category", "[\"Best Director\"]", "category"),
                arguments("nominee", null, "nominee"),
                arguments("nominee", "\" \"", "nominee"),
                arguments("nominee", "7", "nominee"),
                arguments("tie", "\"yes\"", "tie"),
                arguments("tie", "1", "tie"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 400 {2}")
    @MethodSource("badWins")
    void answers400NamingTheField(String path, String literal, String field) {
        assertApiError(400, field, () -> WinRequest.parse(TestData.edit(VALID, path, literal)));
    }

    @Test
    void acceptsTheLongestAndOddestValidEventId() {
        String id = "A-z_0.9:" + "x".repeat(120);
        assertEquals(id, WinRequest.parse(TestData.edit(VALID, "eventId", "\"" + id + "\"")).eventId());
    }

    static Stream<Arguments> wrongForTheCeremony() {
        return Stream.of(
                arguments("category", "\"Best Actor\"", "category"),
                arguments("nominee", "\"Barry Jenkins\"", "nominee"),
                // In the ceremony, but not in this category.
                arguments("nominee", "\"La La Land\"", "nominee"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 422 {2}")
    @MethodSource("wrongForTheCeremony")
    void answers422ForWhatTheDefinitionDoesNotHave(String path, String literal, String field) {
        WinRequest request = WinRequest.parse(TestData.edit(VALID, path, literal));
        assertApiError(422, field, () -> request.announce(CEREMONY, "alice", 1L));
    }

    @Test
    void suggestsTheNameMeantWhenOnlyDashesOrCaseDiffer() {
        WinRequest request = WinRequest.parse(TestData.edit(VALID, "category",
                "\"best motion picture - musical or comedy\""));
        String message = assertApiError(422, "category", () -> request.announce(CEREMONY, "alice", 1L)).getMessage();
        assertTrue(message.contains("did you mean 'Best Motion Picture – Musical or Comedy'?"), message);
    }

    @Test
    void anUnknownNomineeListsTheCategorysNominees() {
        WinRequest request = WinRequest.parse(TestData.edit(VALID, "nominee", "\"Barry Jenkins\""));
        String message = assertApiError(422, "nominee", () -> request.announce(CEREMONY, "alice", 1L)).getMessage();
        assertTrue(message.endsWith("Its nominees are: Damien Chazelle, Tom Ford."), message);
    }
}
