package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the fan-out floor delivers every frame to every socket, with one and two writers, and prints its table. */
class FanoutFloorBenchSmokeIT {

    @Test
    void deliversEveryFrameToEverySocketAndPrintsTheTable() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<FanoutFloorBench.Row> rows = FanoutFloorBench.run(new FanoutFloorBench.Options(200, List.of(1, 2), 3,
                50, 2, 1200, 1), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(1, 2), rows.stream().map(FanoutFloorBench.Row::writers).toList(), table);
        rows.forEach(row -> assertEquals(600, row.received(), "every socket got every round's frame: " + table));
        assertTrue(table.contains("Fan-out floor") && table.contains("last socket ms"), table);
    }
}
