package dev.awardsticker.ingest.win;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
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

class CorrectionRequestTest {
    static final String CORRECT = """
            {"eventId":"gg:fix:01","category":"Best Director","nominee":"Damien Chazelle",
             "correctNominee":"Tom Ford","reason":"wrong envelope"}""";
    private static final CeremonyDefinition CEREMONY =
            DefinitionParser.parse(TestData.tree(TestData.definitionJson("test-ceremony")));

    private static CorrectionRequest parse(JsonNode body) {
        return CorrectionRequest.parse(body);
    }

    @Test
    void withTheTrueWinnerItIsACorrection() {
        assertEquals(new WinCorrected("gg:fix:01", "test-ceremony", "Best Director", "Damien Chazelle", "Tom Ford",
                        "wrong envelope", 1234L, "alice"),
                parse(TestData.tree(CORRECT)).event(CEREMONY, "alice", 1234L));
    }

    @Test
    void withoutTheTrueWinnerItIsARetraction() {
        JsonNode body = TestData.edit(TestData.edit(CORRECT, "correctNominee", null).toString(), "reason", null);
        assertEquals(new WinRetracted("gg:fix:01", "test-ceremony", "Best Director", "Damien Chazelle", null, 1L,
                "bob"), parse(body).event(CEREMONY, "bob", 1L));
        assertTrue(parse(TestData.edit(CORRECT, "correctNominee", "null")).event(CEREMONY, "bob", 1L)
                instanceof WinRetracted);
    }

    static Stream<Arguments> badCorrections() {
        return Stream.of(
                arguments("eventId", null, "eventId"),
                arguments("eventId", "\"fix 1\"", "eventId"),
                arguments("category", null, "category"),
                arguments("nominee", null, "nominee"),
                arguments("nominee", "\"\"", "nominee"),
                arguments("correctNominee", "\"\"", "correctNominee"),
                arguments("correctNominee", "3", "correctNominee"),
                // Correcting a winner to themselves changes nothing: a mistake worth naming.
                arguments("correctNominee", "\"Damien Chazelle\"", "correctNominee"),
                arguments("reason", "{}", "reason"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 400 {2}")
    @MethodSource("badCorrections")
    void answers400NamingTheField(String path, String literal, String field) {
        assertApiError(400, field, () -> parse(TestData.edit(CORRECT, path, literal)));
    }

    @Test
    void theSameNomineeTwiceSaysHowToRetractInstead() {
        String message = assertApiError(400, "correctNominee",
                () -> parse(TestData.edit(CORRECT, "correctNominee", "\"Damien Chazelle\""))).getMessage();
        assertTrue(message.contains("leave correctNominee out to retract"), message);
    }

    static Stream<Arguments> wrongForTheCeremony() {
        return Stream.of(
                arguments("category", "\"Best Actor\"", "category"),
                arguments("nominee", "\"Barry Jenkins\"", "nominee"),
                arguments("correctNominee", "\"Barry Jenkins\"", "correctNominee"),
                // In the ceremony, but not in this category.
                arguments("correctNominee", "\"Deadpool\"", "correctNominee"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 422 {2}")
    @MethodSource("wrongForTheCeremony")
    void answers422ForWhatTheDefinitionDoesNotHave(String path, String literal, String field) {
        CorrectionRequest request = parse(TestData.edit(CORRECT, path, literal));
        String message = assertApiError(422, field, () -> request.event(CEREMONY, "alice", 1L)).getMessage();
        assertTrue(message.contains("GET /ceremonies/") || message.contains("Its nominees are"), message);
    }
}
