package dev.awardsticker.ingest.importer;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @Test
    void readsQuotedFieldsCommentsAndTheHeader() {
        List<Csv.Row> rows = Csv.read("t.csv", new StringReader("""
                \uFEFF# a comment, before the header
                name,note
                "Best Supporting Actor – Series, Miniseries or Television Film","He said ""hi""\"
                plain ,  "multi
                line"
                """));
        assertEquals(2, rows.size());
        assertEquals("Best Supporting Actor – Series, Miniseries or Television Film", rows.get(0).get("name"));
        assertEquals("He said \"hi\"", rows.get(0).get("note"));
        assertEquals("plain", rows.get(1).get("name"));
        assertEquals("multi\nline", rows.get(1).get("note"));
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void namesFileAndLineOfAMalformedRow() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("a,b\n1,2\n1,2,3\n")));
        assertEquals("t.csv line 3 has 3 fields but the header has 2", e.getMessage());
        Csv.Row row = Csv.read("t.csv", new StringReader("a,b\n1,\n")).get(0);
        assertTrue(assertThrows(IllegalStateException.class, () -> row.required("b")).getMessage()
                .equals("t.csv line 2 has no b"));
        assertTrue(assertThrows(IllegalStateException.class, () -> row.get("c")).getMessage()
                .startsWith("t.csv has no column 'c'"));
    }

    @Test
    void numbersRowsByTheLineTheyStartOnPastBlankLinesAndMultiLineFields() {
        List<Csv.Row> rows = Csv.read("t.csv", new StringReader(
                "# comment\r\na,b\r\n\r\n1,\"two\r\nlines, and \"\"quotes\"\"\"\r\n\r\n3,4\r\n5,6"));
        assertEquals(List.of(4, 7, 8), rows.stream().map(Csv.Row::line).toList());
        assertEquals("two\r\nlines, and \"quotes\"", rows.get(0).get("b"));
        assertEquals("6", rows.get(2).get("b"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("a,b\n1,2\n\n3,4,5\n")));
        assertEquals("t.csv line 4 has 3 fields but the header has 2", e.getMessage());
    }

    @Test
    void namesTheLineOfAnUnclosedQuote() {
        assertEquals("t.csv line 3 has an unclosed quote", assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("a,b\n1,2\n3,\"open\n4,5\n"))).getMessage());
        assertEquals("t.csv line 4 has an unclosed quote", assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("a,b\n1,2\n\n\"open,5\n6,7\n"))).getMessage());
        assertTrue(assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("a,b\n\"x\"y,2\n"))).getMessage()
                .startsWith("t.csv line 2: "));
        assertEquals("t.csv is empty: it needs a header row", assertThrows(IllegalStateException.class,
                () -> Csv.read("t.csv", new StringReader("# only a comment\n\n"))).getMessage());
    }
}
