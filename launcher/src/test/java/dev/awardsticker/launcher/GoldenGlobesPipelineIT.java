package dev.awardsticker.launcher;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.launcher.watch.LiveWatcher;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the real parts: editors' HTTP API -> Kafka -> Streams (exactly-once) -> gateway ->
 * a WebSocket viewer, replaying the real results of the 74th Golden Globes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class GoldenGlobesPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
    private static final String ID = GG74.definition().id();

    static Pipeline pipeline;
    static LiveWatcher viewer;
    static ReplaySummary summary;

    @BeforeAll
    static void replayTheWholeCeremony(KafkaBroker broker) throws Exception {
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "e2e-" + UUID.randomUUID(), "e2e-editor", "e2e-token"));
        viewer = join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), ID, r -> {}));
        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
        summary = join(replayer.replay(GG74, ReferenceRecordsLoader.before(GG74.definition()), Duration.ZERO));
        String last = Replayer.eventId(GG74.definition().id(), GG74.results().get(GG74.results().size() - 1).order());
        await().atMost(WAIT).until(() -> viewer.firstFrameOf(last) != null);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyWinIsAcceptedAndReachesTheViewerInSequenceWithoutGapsOrDuplicates() {
        assertTrue(summary.succeeded(), () -> "failures: " + summary.failures());
        assertEquals(26, summary.winsPosted());
        List<Long> seqs = updates().stream().map(CeremonyUpdate::seq).toList();
        assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs);
        assertTrue(updates().get(0).change() instanceof CeremonyDefined);
    }

    @Test
    void theViewerSeesEveryRealWinnerAndLaLaLandEndsAtSevenOfSeven() {
        Map<String, String> expected = GG74.results().stream()
                .collect(Collectors.toMap(AnnouncedWin::category, AnnouncedWin::nominee, (a, b) -> a + "+" + b));
        Map<String, String> seen = changes(WinnerDeclared.class).stream()
                .collect(Collectors.toMap(WinnerDeclared::category, WinnerDeclared::nominee, (a, b) -> a + "+" + b));
        assertEquals(expected, seen);
        Map<String, TallyUpdated> works = new LinkedHashMap<>();
        changes(TallyUpdated.class).stream().filter(t -> t.subject() == TallyUpdated.Subject.WORK)
                .forEach(t -> works.put(t.name(), t));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 7, 7), works.get("La La Land"));
        assertEquals(1, works.get("Moonlight").wins());
        assertEquals(3, works.get("The Night Manager").wins());
    }

    @Test
    void exactlyTheTrueAlertsArriveEachOnce() {
        List<RecordAlert> alerts = changes(RecordAlert.class);
        assertEquals(List.of(
                        "RECORD_TIED La La Land 6",
                        "YOUNGEST_WINNER Damien Chazelle 31",
                        "RECORD_BROKEN La La Land 7",
                        "PERFECT_NIGHT La La Land 7").stream().sorted().toList(),
                alerts.stream().map(a -> a.kind() + " " + a.subject() + " " + a.value()).sorted().toList());
        RecordAlert broken = alerts.stream().filter(a -> a.kind() == RecordAlert.Kind.RECORD_BROKEN).findFirst().orElseThrow();
        assertEquals(6, broken.previousValue());
        assertEquals(List.of("One Flew Over the Cuckoo's Nest", "Midnight Express"),
                broken.previousHolders().stream().map(h -> h.name()).toList());
        // The tie comes with La La Land's 6th announced win, the record with its 7th.
        List<String> laLaLandWins = GG74.results().stream()
                .filter(w -> GG74.definition().category(w.category()).flatMap(c -> c.nominee(w.nominee()))
                        .map(n -> "La La Land".equals(n.work())).orElse(false))
                .map(w -> Replayer.eventId(GG74.definition().id(), w.order())).toList();
        assertEquals(7, laLaLandWins.size());
        assertEquals(laLaLandWins.get(5), causeOf(RecordAlert.Kind.RECORD_TIED).eventId());
        assertEquals(laLaLandWins.get(6), causeOf(RecordAlert.Kind.RECORD_BROKEN).eventId());
    }

    @Test
    void replayingTheSameSubmitsAgainChangesNothing(KafkaBroker broker) throws Exception {
        long before = updates().size();
        Replayer again = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
        ReplaySummary second = join(again.replay(GG74, List.of(), Duration.ZERO));
        assertTrue(second.succeeded(), () -> "failures: " + second.failures());
        try (TopicProbe verdicts = TopicProbe.fromBeginning(broker, Topics.WIN_VERDICTS)) {
            List<WinVerdict> duplicates = verdicts.await(r -> r.key().equals(ID)
                            && Json.read(r.value(), WinVerdict.class).status() == WinVerdict.Status.DUPLICATE, 26, WAIT)
                    .stream().map(r -> Json.read(r.value(), WinVerdict.class)).toList();
            assertEquals(26, duplicates.size());
        }
        // The re-sent definition is the one new update (it may carry a late fix); no win counted twice.
        await().atMost(WAIT).until(() -> updates().size() > before);
        List<CeremonyUpdate> added = updates().subList((int) before, updates().size());
        assertEquals(1, added.size(), () -> "unexpected updates: " + added);
        assertTrue(added.get(0).change() instanceof CeremonyDefined);
    }

    private static List<CeremonyUpdate> updates() {
        return viewer.received().stream().map(LiveWatcher.Received::update).toList();
    }

    private static <T> List<T> changes(Class<T> type) {
        List<T> out = new ArrayList<>();
        updates().stream().map(CeremonyUpdate::change).filter(type::isInstance).map(type::cast).forEach(out::add);
        return out;
    }

    private static CeremonyUpdate causeOf(RecordAlert.Kind kind) {
        return updates().stream().filter(u -> u.change() instanceof RecordAlert a && a.kind() == kind)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " alert"));
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
