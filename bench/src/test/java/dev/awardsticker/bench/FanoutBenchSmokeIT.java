package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves FanoutBench starts (broker, Streams, ingest, the gateway and the clients in their own JVMs), delivers every
 * update to every client and prints its table and JSON, with tiny numbers. Its figures are read, not asserted.
 */
class FanoutBenchSmokeIT {

    @Test
    void deliversEveryUpdateToEveryClientAndPrintsTheTable() throws Exception {
        Path results = Files.createTempDirectory("fanout-results");
        FanoutBench.Options options = new FanoutBench.Options(50, 5, 0, 1,
                List.of("-Xmx256m", "-XX:+UseSerialGC"), false, Path.of("node-peer"), results, false, null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FanoutBench.Result result = FanoutBench.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        FanoutBench.Row row = result.rows().get(0);
        assertEquals(50, row.connected(), table);
        assertEquals(50, row.complete(), "every client got every update: " + table);
        // The definition came before the clients (it is in their snapshot); then one update per win.
        assertEquals(5, row.updatesPerClient(), "one update per win: " + table);
        assertTrue(table.contains("updates/s") && table.contains("heap/conn"), table);
        assertTrue(table.contains("fan-out spread") && table.contains("blocked-thread warnings"), table);
        assertTrue(Files.readString(result.json()).contains("\"rows\""), "results written as JSON");
    }
}
