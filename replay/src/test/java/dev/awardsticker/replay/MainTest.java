package dev.awardsticker.replay;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command against a scripted stand-in for ingest: exit codes, what it posts, what it prints. */
class MainTest {
    private Vertx vertx;
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aUsageErrorExitsWith2AndExplainsWithoutAStackTrace() {
        assertEquals(Main.USAGE, run("replay", "--token", "t", "no-such-ceremony"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("replay: no ceremony 'no-such-ceremony': not a built-in id (golden-globes-74,"
                + " academy-awards-89), nor a folder or .json file that exists\nusage: "), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void helpForTheCommandAndEachSubcommandExits0OnStandardOutput() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"import", "--help"},
                new String[] {"replay", "-h"}, new String[] {"replay", "--token", "t", "--help", "x"})) {
            out.reset();
            assertEquals(Main.OK, run(args), String.join(" ", args));
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("usage: java -jar replay/target/replay.jar "), text);
            assertTrue(text.contains("--help"), text);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar replay/target/replay.jar replay"
                + " [OPTIONS] <ceremony>\n"));
    }

    @Test
    void aMistypedOptionExitsWith2WithOneLineAndTheSubcommandsUsage() {
        assertEquals(Main.USAGE, run("import", "--tokn", "t", "golden-globes-74"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("replay: Unknown option: '--tokn': did you mean --token?\n"
                + "usage: java -jar replay/target/replay.jar import [OPTIONS] <ceremony>\n"), text);
        assertFalse(text.contains("Exception"), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothingAtAllExitsWith2ListingTheCommands() {
        assertEquals(Main.USAGE, run());
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("replay: say what to do: import or replay\nusage: "), text);
        assertTrue(text.contains("  import ") && text.contains("  replay "), text);
    }

    @Test
    void aBrokenDataFolderExitsWith1NamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ceremony.properties"), "id=x\naward=a\ntitle=X\nedition=1\ndate=2020-01-01\n"
                + "nominees=n.csv\n");
        Files.writeString(dir.resolve("n.csv"), "category,nominee,work,people,studio_or_network,won\nBest,A,A,,,maybe\n");
        assertEquals(Main.FAILED, run("import", "--token", "t", dir.toString()));
        assertEquals("replay: could not read the ceremony: " + dir.resolve("n.csv") + " line 2 has won 'maybe':"
                + " write true or false\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsAJsonCeremonyFileWithItsAwardsShippedRecords() throws Exception {
        String url = ingest(() -> 202);
        assertEquals(Main.OK, run("import", "--ingest", url, "--token", "t", "../docs/examples/golden-globes-74.json"),
                err::toString);
        assertEquals(List.of("/records", "/ceremonies"), paths);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Importing 74th Golden Globe Awards as golden-globes-74 into " + url
                + ": 3 reference records, 26 categories\n"), text);
    }

    @Test
    void replaysTheOscarsAtMaxSpeedWithTheCorrectionLastAndASummary() throws Exception {
        String url = ingest(() -> 202);
        assertEquals(Main.OK, run("replay", "--ingest", url, "--token", "t", "--speed", "max", "--as", "oscars-test",
                "academy-awards-89"), err::toString);
        assertEquals(2 + 25, paths.size());
        assertEquals("/ceremonies/oscars-test/corrections", paths.get(paths.size() - 1));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Replaying 89th Academy Awards as oscars-test into " + url + ": 25 events (24 announcements,"
                + " 1 corrections), as fast as ingest answers", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[21/25\\] Best Director .+ Damien Chazelle \\(La La Land\\)"
                + "  202 ACCEPTED seq=\\d+  \\d+ ms")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[25/25] Best Picture CORRECTED: La La Land ")
                && l.contains(" Moonlight  202 ACCEPTED")), lines.toString());
        assertTrue(lines.contains("posted 25: accepted 25, duplicates 0, rejected 0, pending 0; corrections 1;"
                + " failures 0"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("elapsed \\d+\\.\\d s; submit latency p50 \\d+ ms, p99 \\d+ ms"),
                lines.toString());
    }

    @Test
    void aRejectedEventExitsWith1AndIsListed() throws Exception {
        int[] calls = {0};
        String url = ingest(() -> ++calls[0] == 4 ? 409 : 202);
        assertEquals(Main.FAILED, run("replay", "--ingest", url, "--token", "t", "--pace-ms", "0", "--no-records",
                "golden-globes-74"));
        assertEquals(27, paths.size(), "a 409 is reported, the replay goes on");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("posted 26: accepted 25, duplicates 0, rejected 1, pending 0; corrections 0;"
                + " failures 1"), text);
        assertTrue(text.contains("FAILED golden-globes-74:win:03: HTTP 409 scripted 409"), text);
    }

    @Test
    void anUnreachableIngestIsRetriedForRetryForThenExits1SayingWhatToDo() {
        assertEquals(Main.FAILED, run("import", "--ingest", "http://127.0.0.1:1", "--token", "t", "--no-records",
                "--retry-for", "600ms", "golden-globes-74"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAILED definition golden-globes-74: no answer"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("definition golden-globes-74: 26 categories: ingest"
                + " http://127.0.0.1:1 unreachable \\(connection refused\\); retrying in 0\\.\\d s"
                + " \\(waited 0\\.\\d s of 0\\.6 s\\)")), text);
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(errors.get(0).matches("replay: gave up on definition golden-globes-74 \\(definition golden-globes-74:"
                + " 26 categories\\) after \\d+ attempts in 0\\.\\d s \\(--retry-for 0\\.6s\\); tried"
                + " http://127.0.0.1:1; last: ingest http://127.0.0.1:1 unreachable \\(connection refused\\)"), errors.get(0));
        assertTrue(errors.get(1).startsWith("replay: stopped there: 26 events not posted. Check that ingest runs at"
                + " http://127.0.0.1:1 (GET /ready), then run the same command again: event ids are deterministic,"
                + " so what was accepted answers DUPLICATE and nothing is posted twice."), errors.get(1));
    }

    @Test
    void failsOverToTheNextIngestUrlAndEndsWithEveryEventAccepted() throws Exception {
        String url = ingest(() -> 202);
        assertEquals(Main.OK, run("replay", "--ingest", "http://127.0.0.1:1," + url, "--token", "t", "--speed", "max",
                "--no-records", "golden-globes-74"), err::toString);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Replaying 74th Golden Globe Awards as golden-globes-74 into http://127.0.0.1:1, "
                + url + ": 26 events"), text);
        assertTrue(text.contains("definition golden-globes-74: 26 categories: ingest http://127.0.0.1:1 unreachable"
                + " (connection refused); retrying at " + url + " in "), text);
        assertTrue(text.contains("posted 26: accepted 26, duplicates 0, rejected 0, pending 0; corrections 0;"
                + " failures 0"), text);
        assertEquals(27, paths.size());
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    /**
     * A stand-in for ingest answering every request with the status {@code script} picks, as ingest would: with a
     * verdict for the definition and the events (200: DUPLICATE, the definition then without a seq).
     */
    private String ingest(IntSupplier script) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            paths.add(request.path());
            int status = script.getAsInt();
            boolean definition = request.path().equals("/ceremonies");
            String verdict = status == 409 ? "{\"status\":\"REJECTED\",\"error\":\"scripted 409\"}"
                    : status == 200
                    ? "{\"status\":\"DUPLICATE\"" + (definition ? "" : ",\"firstSeq\":" + paths.size()) + "}"
                    : "{\"status\":\"ACCEPTED\",\"firstSeq\":" + paths.size() + "}";
            request.response().setStatusCode(status).end(request.path().startsWith("/ceremonies") ? verdict : "{}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort();
    }
}
