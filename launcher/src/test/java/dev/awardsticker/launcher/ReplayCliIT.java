package dev.awardsticker.launcher;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.importer.AnnouncedCorrection;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.launcher.watch.LiveWatcher;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay command (dev.awardsticker.replay.Main, as {@code java -jar replay.jar} runs it) against the whole
 * pipeline: the last events of the 89th Oscars from a JSON ceremony file, the correction among them, then the
 * same again (duplicates).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayCliIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "cli-token";

    static Pipeline pipeline;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "cli-" + UUID.randomUUID(), "cli-editor", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void replaysTheEndOfTheOscarsWithItsCorrectionThenFindsDuplicatesTheSecondTime(@TempDir Path dir)
            throws Exception {
        Path folder = lastAwardsOfTheOscars(dir);
        String id = "cli-oscars-" + UUID.randomUUID().toString().substring(0, 8);
        LiveWatcher viewer = LiveWatcher.watch(pipeline.vertx(), "localhost",
                pipeline.gatewayPort(), id, r -> {}).toCompletionStage().toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // No reference records: they are per award and shared by every test class on this broker, and a record
        // this replay sets (Chazelle, youngest Best Director) would change what AcademyAwardsPipelineIT must see.
        Run first = cli("replay", "--ingest", pipeline.ingestUrl(), "--token", TOKEN, "--speed", "600", "--no-records",
                "--as", id, folder.toString());
        assertEquals(0, first.exit(), first::toString);
        List<String> lines = first.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Replaying 89th Academy Awards as " + id + " into " + pipeline.ingestUrl()
                + ": 5 events (4 announcements, 1 corrections), 600x the show's pace"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[1/5\\] Best Director .+ Damien Chazelle \\(La La Land\\)"
                + "  202 ACCEPTED seq=\\d+  \\d+ ms")), first::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[5/5] Best Picture CORRECTED: La La Land ")
                && l.matches(".* Moonlight  202 ACCEPTED seq=\\d+  \\d+ ms")), first::toString);
        assertTrue(lines.contains("posted 5: accepted 5, duplicates 0, rejected 0, pending 0; corrections 1;"
                + " failures 0"), first::toString);
        // The definition has a verdict of its own: the ceremony's first update.
        assertTrue(lines.contains("definition " + id + ": accepted, update seq 1"), first::toString);

        await().atMost(WAIT).until(() -> viewer.firstFrameOf(id + ":correction:04") != null);
        List<String> bestPicture = viewer.changes(WinnerDeclared.class).stream()
                .filter(w -> w.category().equals("Best Picture")).map(WinnerDeclared::nominee).toList();
        assertEquals(List.of("La La Land", "Moonlight"), bestPicture);
        // One frame per command: the definition, four announcements, the correction.
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), viewer.updates().stream().map(CeremonyUpdate::seq).toList());

        Run again = cli("replay", "--ingest", pipeline.ingestUrl(), "--token", TOKEN, "--speed", "max", "--no-records",
                "--as", id, folder.toString());
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("posted 5: accepted 0, duplicates 5, rejected 0, pending 0; corrections 1;"
                + " failures 0"), again::toString);
        assertTrue(again.out().contains("definition " + id + ": unchanged (the ticker already held this very"
                + " definition; nothing published)"), again::toString);
        viewer.close();
    }

    @Test
    void aWrongTokenIsAFailureExit1AndAWrongCommandLineExit2() {
        Run unauthorized = cli("import", "--ingest", pipeline.ingestUrl(), "--token", "wrong", "golden-globes-74");
        assertEquals(1, unauthorized.exit(), unauthorized::toString);
        assertTrue(unauthorized.out().contains("FAILED records: HTTP 401"), unauthorized::toString);
        Run usage = cli("replay", "--ingest", pipeline.ingestUrl(), "--speed", "10", "golden-globes-74");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().startsWith("replay: give an editor token"), usage::toString);
    }

    /**
     * The shipped ceremony as a JSON ceremony file with only its last four announcements (Director, Actor,
     * Actress, Best Picture as announced) and the correction, renumbered 1..4.
     */
    private static Path lastAwardsOfTheOscars(Path dir) throws IOException {
        CeremonyImport oscars = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89);
        List<AnnouncedWin> last = oscars.results().subList(20, 24).stream()
                .map(w -> new AnnouncedWin(w.order() - 20, w.category(), w.nominee(), w.approxTimeEt())).toList();
        List<AnnouncedCorrection> corrections = oscars.corrections().stream()
                .map(c -> new AnnouncedCorrection(c.afterOrder() - 20, c.category(), c.announced(), c.correctTo(),
                        c.reason(), c.approxTimeEt())).toList();
        Path file = dir.resolve("oscars-end.json");
        Files.write(file, Json.bytes(new CeremonyImport(oscars.definition(), last, corrections)));
        return file;
    }

    private record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = dev.awardsticker.replay.Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
