package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the benchmark starts and prints its table; its figures are read by people, not asserted. */
class StreamsLatencyBenchSmokeIT {

    @Test
    void measuresEveryWinAndPrintsTheTable() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<StreamsLatencyBench.Result> results = StreamsLatencyBench.run(5, 10,
                List.of(ours()), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(5, results.get(0).wins(), "every win's tally was read back");
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("p50 ms") && table.contains(ours().name()), table);
    }

    /** Our settings: the last row of the table. */
    private static StreamsLatencyBench.Setting ours() {
        return StreamsLatencyBench.SETTINGS.get(StreamsLatencyBench.SETTINGS.size() - 1);
    }
}
