package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.ingest.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.stream.Stream;

import static dev.awardsticker.ingest.web.ApiErrorAssert.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DefinitionParserTest {
    private static final String VALID = TestData.definitionJson("test-ceremony");

    @Test
    void readsAValidDefinition() {
        CeremonyDefinition definition = DefinitionParser.parse(TestData.tree(VALID));
        assertEquals("test-ceremony", definition.id());
        assertEquals("golden-globes", definition.award());
        assertEquals(LocalDate.of(2017, 1, 8), definition.date());
        assertEquals(2, definition.categories().size());
        assertEquals(new Person("Damien Chazelle", LocalDate.of(1985, 1, 19)),
                definition.category("Best Director").orElseThrow().nominees().get(0).people().get(0));
        assertNull(definition.categories().get(1).nominees().get(1).work());
    }

    @Test
    void stripsSurroundingWhitespaceFromNames() {
        CeremonyDefinition definition = DefinitionParser.parse(
                TestData.edit(VALID, "categories[0].name", "\"  Best Director \""));
        assertEquals("Best Director", definition.categories().get(0).name());
    }

    /** Path edited, the JSON put there (null: removed), and the field the 400 must name. */
    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                arguments("id", null, "id"),
                arguments("id", "\"Test Ceremony\"", "id"),
                arguments("id", "\"-leading-dash\"", "id"),
                arguments("id", "\"" + "a".repeat(65) + "\"", "id"),
                arguments("id", "74", "id"),
                arguments("id", "\"\"", "id"),
                arguments("award", null, "award"),
                arguments("award", "\"Golden Globes\"", "award"),
                arguments("title", null, "title"),
                arguments("title", "\"   \"", "title"),
                arguments("title", "true", "title"),
                arguments("edition", null, "edition"),
                arguments("edition", "0", "edition"),
                arguments("edition", "-74", "edition"),
                arguments("edition", "\"74\"", "edition"),
                arguments("edition", "7.5", "edition"),
                arguments("edition", "99999999999", "edition"),
                arguments("date", null, "date"),
                arguments("date", "\"2017-13-01\"", "date"),
                arguments("date", "\"08/01/2017\"", "date"),
                arguments("date", "20170108", "date"),
                arguments("broadcaster", "5", "broadcaster"),
                arguments("categories", null, "categories"),
                arguments("categories", "[]", "categories"),
                arguments("categories", "{}", "categories"),
                arguments("categories[0]", "null", "categories[0]"),
                arguments("categories[0]", "\"Best Director\"", "categories[0]"),
                arguments("categories[1].name", "\" \"", "categories[1].name"),
                arguments("categories[1].name", null, "categories[1].name"),
                arguments("categories[1].name", "\"Best Director\"", "categories[1].name"),
                arguments("categories[0].nominees", null, "categories[0].nominees"),
                arguments("categories[0].nominees", "[]", "categories[0].nominees"),
                arguments("categories[1].nominees[1].name", "\"\"", "categories[1].nominees[1].name"),
                arguments("categories[1].nominees[1].name", "42", "categories[1].nominees[1].name"),
                arguments("categories[0].nominees[1].name", "\"Damien Chazelle\"", "categories[0].nominees[1].name"),
                arguments("categories[0].nominees[0].work", "[]", "categories[0].nominees[0].work"),
                arguments("categories[0].nominees[0].people", "\"Damien Chazelle\"", "categories[0].nominees[0].people"),
                arguments("categories[0].nominees[0].people[0].name", "\" \"", "categories[0].nominees[0].people[0].name"),
                arguments("categories[0].nominees[0].people[0].birthDate", "\"19 Jan 1985\"",
                        "categories[0].nominees[0].people[0].birthDate"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 400 {2}")
    @MethodSource("badDefinitions")
    void answers400NamingTheField(String path, String literal, String field) {
        assertApiError(400, field, () -> DefinitionParser.parse(TestData.edit(VALID, path, literal)));
    }

    @Test
    void aBodyThatIsNotAnObjectHasNoField() {
        assertApiError(400, null, () -> DefinitionParser.parse(TestData.tree("[1, 2]")));
    }

    @Test
    void aDuplicateNamesBothPlaces() {
        String message = assertApiError(400, "categories[1].name", () -> DefinitionParser.parse(
                TestData.edit(VALID, "categories[1].name", "\"Best Director\""))).getMessage();
        assertEquals("categories[1].name 'Best Director' repeats categories[0].name: category names must be unique"
                + " within a ceremony.", message);
    }
}
