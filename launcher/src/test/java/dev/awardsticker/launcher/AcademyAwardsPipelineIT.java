package dev.awardsticker.launcher;

import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.importer.ReplayStep;
import dev.awardsticker.ingest.replay.Pacing;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.launcher.watch.LiveWatcher;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the real parts, replaying the 89th Academy Awards with the Academy Awards' reference
 * records: HTTP -> Kafka -> Streams (exactly-once) -> gateway -> a WebSocket viewer. The show's Best Picture
 * envelope error is replayed as it happened: La La Land announced, then corrected to Moonlight, the correction
 * one update that withdraws one winner and declares the other.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AcademyAwardsPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final CeremonyImport REAL = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89);
    /**
     * Reference records are per award and every test class's Streams app reads every ceremony on the shared test
     * broker: another class's Oscars (the CLI's, the dashboard's) would move the youngest-director record before
     * this replay consults it. An award family of its own keeps the records this test checks against.
     */
    private static final String AWARD = "academy-awards-" + UUID.randomUUID().toString().substring(0, 8);
    private static final CeremonyImport OSCARS = REAL.withAward(AWARD);
    private static final String ID = OSCARS.definition().id();
    private static final List<ReplayStep> STEPS = OSCARS.steps();

    static Pipeline pipeline;
    static LiveWatcher viewer;
    static ReplaySummary summary;

    @BeforeAll
    static void replayTheWholeCeremony(KafkaBroker broker) throws Exception {
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "oscars-" + UUID.randomUUID(), "e2e-editor", "e2e-token"));
        viewer = join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), ID, r -> {}));
        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
        summary = join(replayer.replay(OSCARS, ReferenceRecordsLoader.before(REAL.definition()).stream()
                .map(r -> r.withAward(AWARD)).toList(), Pacing.fastest()));
        String last = STEPS.get(STEPS.size() - 1).eventId();
        // The correction is the last update: its frame carries the withdrawal, the true winner and the tallies.
        await().atMost(WAIT).until(() -> viewer.firstFrameOf(last) != null);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyAnnouncementAndTheCorrectionAreAcceptedAndArriveWithoutGaps() {
        assertTrue(summary.succeeded(), () -> "failures: " + summary.failures());
        assertEquals(24, summary.winsPosted());
        assertEquals(1, summary.corrections());
        assertEquals(25, summary.withVerdict("ACCEPTED"));
        // One update per command: the definition, 24 announcements, the correction.
        List<Long> seqs = updates().stream().map(CeremonyUpdate::seq).toList();
        assertEquals(LongStream.rangeClosed(1, 1 + 24 + 1).boxed().toList(), seqs);
        assertTrue(updates().get(0).changes().get(0) instanceof CeremonyDefined);
        STEPS.forEach(step -> assertEquals(1, viewer.updatesOf(step.eventId()).size(), step::toString));
    }

    @Test
    void laLaLandIsAnnouncedForBestPictureThenWithdrawnForMoonlight() {
        List<WinnerDeclared> bestPicture = viewer.changes(WinnerDeclared.class).stream()
                .filter(w -> w.category().equals("Best Picture")).toList();
        assertEquals(List.of("La La Land", "Moonlight"), bestPicture.stream().map(WinnerDeclared::nominee).toList());
        List<WinnerWithdrawn> withdrawn = viewer.changes(WinnerWithdrawn.class);
        assertEquals(1, withdrawn.size(), withdrawn::toString);
        assertEquals("Best Picture", withdrawn.get(0).category());
        assertEquals("La La Land", withdrawn.get(0).nominee());
        // One update for the correction: withdrawn before Moonlight is declared, then the tallies both moved.
        String correction = STEPS.get(24).eventId();
        List<CeremonyUpdate> fix = viewer.updatesOf(correction);
        assertEquals(1, fix.size(), fix::toString);
        List<String> order = fix.get(0).changes().stream().map(c -> c.getClass().getSimpleName()).toList();
        assertEquals(List.of("WinnerWithdrawn", "WinnerDeclared"), order.subList(0, 2), order::toString);
        assertTrue(order.subList(2, order.size()).contains("TallyUpdated"), order::toString);
        WinnerDeclared moonlight = fix.get(0).changesOf(WinnerDeclared.class).get(0);
        // 23 of 24 decided after the withdrawal, 24 of 24 again with Moonlight.
        assertEquals(List.of(23, 24), List.of(fix.get(0).changesOf(WinnerWithdrawn.class).get(0).decided(),
                moonlight.decided()));
    }

    @Test
    void finalTalliesAreTheRealResults() {
        Map<String, TallyUpdated> works = works();
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Moonlight", 3, 8), works.get("Moonlight"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 6, 14), works.get("La La Land"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Manchester by the Sea", 2, 6),
                works.get("Manchester by the Sea"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Hacksaw Ridge", 2, 6), works.get("Hacksaw Ridge"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Arrival", 1, 8), works.get("Arrival"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Fences", 1, 4), works.get("Fences"));
        assertEquals(1, works.get("The Jungle Book").wins());
        assertEquals(0, works.getOrDefault("Lion", new TallyUpdated(TallyUpdated.Subject.WORK, "Lion", 0, 6)).wins());
        // La La Land touched 7 while its Best Picture stood: never near the record of 11.
        assertEquals(7, viewer.changes(TallyUpdated.class).stream().filter(t -> t.subject() == TallyUpdated.Subject.WORK
                && t.name().equals("La La Land")).mapToInt(TallyUpdated::wins).max().orElseThrow());
    }

    /**
     * La La Land's 14 nominations tie the record of All About Eve and Titanic as the definition loads; 7 wins at
     * most never reach 11; no film wins all of 3 or more nominations. Damien Chazelle (32 years 38 days) is younger
     * than Norman Taurog (32 years 260 days): equal in whole years, so only the reference's age in days tells.
     */
    @Test
    void exactlyTheTrueAlertsArriveEachOnce() {
        List<RecordAlert> alerts = viewer.changes(RecordAlert.class);
        assertEquals(List.of("RECORD_TIED La La Land 14", "YOUNGEST_WINNER Damien Chazelle 32"),
                alerts.stream().map(a -> a.kind() + " " + a.subject() + " " + a.value()).toList(), alerts::toString);
        RecordAlert youngest = alerts.get(1);
        assertEquals("Best Director", youngest.category());
        assertEquals(List.of("Norman Taurog"), youngest.previousHolders().stream().map(h -> h.name()).toList());
        RecordAlert tied = alerts.stream().filter(a -> a.kind() == RecordAlert.Kind.RECORD_TIED).findFirst().orElseThrow();
        assertEquals(List.of("All About Eve", "Titanic"), tied.previousHolders().stream().map(h -> h.name()).toList());
        // Raised with the definition (in its update), before the first envelope.
        CeremonyUpdate cause = updates().stream().filter(u -> u.changesOf(RecordAlert.class).stream()
                .anyMatch(a -> a.kind() == RecordAlert.Kind.RECORD_TIED)).findFirst().orElseThrow();
        assertTrue(cause.changes().get(0) instanceof CeremonyDefined, cause::toString);
        assertTrue(updates().stream().filter(u -> !u.changesOf(WinnerDeclared.class).isEmpty())
                .allMatch(u -> u.seq() > cause.seq()));
    }

    private static Map<String, TallyUpdated> works() {
        Map<String, TallyUpdated> works = new LinkedHashMap<>();
        viewer.changes(TallyUpdated.class).stream().filter(t -> t.subject() == TallyUpdated.Subject.WORK)
                .forEach(t -> works.put(t.name(), t));
        return works;
    }

    private static List<CeremonyUpdate> updates() {
        return viewer.updates();
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
