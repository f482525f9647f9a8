package dev.awardsticker.ingest.records;

import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.awardsticker.ingest.web.ApiErrorAssert.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RecordsParserTest {
    private static final String VALID = TestData.recordsJson();

    @Test
    void readsValidRecords() {
        List<RecordReference> records = RecordsParser.parse(TestData.tree(VALID));
        assertEquals(2, records.size());
        assertEquals("golden-globes|most-wins-single-work", records.get(0).key());
        assertEquals(List.of(new RecordHolder("Midnight Express", 1979, "golden-globes-36")), records.get(0).holders());
        assertEquals(new RecordHolder("Francis Ford Coppola", 1973, null), records.get(1).holders().get(0));
    }

    @Test
    void keepsAHoldersAgeInDaysAndHowCompleteAListOfWinnersIs() {
        List<RecordReference> records = RecordsParser.parse(TestData.tree("""
                [{"award":"academy-awards","record":"youngest-winner:Best Director","value":32,
                  "holders":[{"name":"Norman Taurog","year":1931,"ceremony":"academy-awards-4","ageDays":11947}]},
                 {"award":"academy-awards","record":"winners-before:studio","value":1,
                  "holders":[{"name":"A24"}],"completeThroughEdition":88}]"""));
        assertEquals(new RecordHolder("Norman Taurog", 1931, "academy-awards-4", 11947), records.get(0).holders().get(0));
        assertEquals(88, records.get(1).completeThroughEdition());
    }

    static Stream<Arguments> badRecords() {
        return Stream.of(
                arguments("[0]", "null", "[0]"),
                arguments("[0]", "6", "[0]"),
                arguments("[0].award", null, "[0].award"),
                arguments("[0].award", "\"Golden Globes\"", "[0].award"),
                arguments("[1].record", "\"\"", "[1].record"),
                arguments("[1].record", "3", "[1].record"),
                arguments("[0].value", null, "[0].value"),
                arguments("[0].value", "-1", "[0].value"),
                arguments("[0].value", "\"6\"", "[0].value"),
                arguments("[0].holders", "{}", "[0].holders"),
                arguments("[0].holders[0].name", "\"\"", "[0].holders[0].name"),
                arguments("[0].holders[0].year", "\"1979\"", "[0].holders[0].year"),
                arguments("[0].holders[0].ageDays", "-1", "[0].holders[0].ageDays"),
                arguments("[0].holders[0].ageDays", "\"11947\"", "[0].holders[0].ageDays"),
                arguments("[0].completeThroughEdition", "-1", "[0].completeThroughEdition"),
                arguments("[1].record", "\"most-wins-single-work\"", "[1].record"));
    }

    @ParameterizedTest(name = "{0} = {1} -> 400 {2}")
    @MethodSource("badRecords")
    void answers400NamingTheField(String path, String literal, String field) {
        assertApiError(400, field, () -> RecordsParser.parse(TestData.edit(VALID, path, literal)));
    }

    @Test
    void wantsANonEmptyArray() {
        assertApiError(400, null, () -> RecordsParser.parse(TestData.tree("[]")));
        assertApiError(400, null, () -> RecordsParser.parse(TestData.tree("{\"award\":\"golden-globes\"}")));
    }
}
