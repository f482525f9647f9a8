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
}
