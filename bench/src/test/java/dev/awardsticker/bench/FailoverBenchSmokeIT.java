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
 * Proves FailoverBench's plumbing in its quick shape (one broker, one of each service, as the launcher runs): kills
 * the Streams app with -9 while wins come in, starts it again with its state and then with none, and prints its table.
 * The two-of-each shape on three broker processes, with kills of brokers and services, is FaultToleranceIT's (module
 * resilience); nine JVMs here would add two minutes to every build. Figures are read, not asserted; what must hold
 * whatever the machine is: every submit answered, every acknowledged win declared once, the screens and the log
 * gap-free.
 */
class FailoverBenchSmokeIT {

    @Test
    void restartsTheStreamsAppWhileWinsComeAndCountsEveryWinOnce() throws Exception {
        // Small heaps and C1 only: the JVMs start quicker on a shared CI machine (not how figures are taken).
        List<String> small = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        FailoverBench.Options options = new FailoverBench.Options(500, 2000, 6000, 1000, List.of(), true,
                FailoverBench.SESSION_TIMEOUT_MS, FailoverBench.TRANSACTION_TIMEOUT_MS, small, small,
                Files.createTempDirectory("failover-smoke"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FailoverBench.Result result = FailoverBench.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.print(table); // into the failsafe report: what the smoke run measured
        assertEquals(List.of("streams, restarted (state kept)", "streams, restarted (empty state)"),
                result.rows().stream().map(FailoverBench.Row::killed).toList(), table);
        assertTrue(result.rows().stream().allMatch(r -> r.acknowledged() > 0), "wins went on in every window: " + table);
        assertTrue(result.exact(), "nothing lost, doubled or unanswered, screens gap-free: " + table);
        assertTrue(table.contains("| streams, restarted (state kept) | one of each, 1 broker |")
                && table.contains("command: "), table);
    }
}
