package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the floor benchmark passes every message through and prints its table; its figures are not asserted. */
class ExactlyOnceFloorBenchSmokeIT {

    @Test
    void passesEveryMessageAndPrintsTheTable() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<ExactlyOnceFloorBench.Row> rows = ExactlyOnceFloorBench.run(5, 2, 10,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(List.of(5, 5, 5), rows.stream().map(ExactlyOnceFloorBench.Row::n).toList());
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("output committed, read_committed"), table);
    }
}
