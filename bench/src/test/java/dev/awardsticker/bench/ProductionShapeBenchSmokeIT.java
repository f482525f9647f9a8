package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves ProductionShapeBench starts the broker, Streams, ingest and the gateway as four JVMs from their real mains,
 * traces every event of a tiny replay (3 wins, no warm-up) from submit to the viewer's frame, the probes and the
 * webhook, and prints its table. Figures are read, not asserted; what must hold whatever the machine is: one frame
 * per event at the viewer (the definition included) and every update delivered to the webhook too.
 */
class ProductionShapeBenchSmokeIT {

    @Test
    void tracesEveryEventOfATinyReplayThroughFourJvmsAndPrintsTheTable() throws Exception {
        // Small heaps and C1 only: the four JVMs start quicker on a shared CI machine (not how figures are taken).
        List<String> small = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        ProductionShapeBench.Options options = new ProductionShapeBench.Options(50, 3, 0, 50, small, small, small,
                small, Files.createTempDirectory("production-shape-smoke"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProductionShapeBench.Result result = ProductionShapeBench.run(options,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.print(table); // into the failsafe report: what the smoke run measured
        assertEquals(3, result.events(), table);
        assertEquals(3, result.traced(), "every win stamped at every hop: " + table);
        assertTrue(table.contains("| ingestedAt -> frame (viewer) | 3 |")
                && table.contains("| command readable -> update readable (Streams alone) | 3 |")
                && table.contains("command: "), table);
        assertEquals(1, result.definitionFrames(), "the definition is one frame per screen: " + table);
        assertTrue(ProductionShapeBench.oneFrameEach(result), "a win is one frame per screen: " + table);
        assertEquals(4, result.updates(), "the definition and 3 wins, one update each: " + table);
        assertEquals(result.updates(), result.webhooks(), "every update reached the webhook too: " + table);
    }
}
