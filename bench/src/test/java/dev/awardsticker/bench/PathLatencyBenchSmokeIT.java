package dev.awardsticker.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the hop-by-hop benchmark starts, traces every win through every hop and prints its table. */
class PathLatencyBenchSmokeIT {

    @Test
    void tracesEveryWinOfTheReplayThroughEveryHop() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Histogram> steps = PathLatencyBench.run(10, false, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);
        steps.forEach((step, histogram) -> assertEquals(26, histogram.getTotalCount(), step + "\n" + table));
        assertTrue(table.contains("| produced -> committed |") && table.contains("26 of 26 wins traced"), table);
    }
}
