package dev.awardsticker.launcher;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the real parts: editors' HTTP API -> Kafka -> Streams (exactly-once) -> gateway ->
 * WebSocket viewers, replaying the real results of the 74th Golden Globes. One update per editor event: the
 * definition is one frame, every win one frame carrying the winner, the tallies and any alert it set off.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldenGlobesPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
    private static final String ID = GG74.definition().id();

    static Pipeline pipeline;
    static LiveWatcher viewer;
    static LiveWatcher otherScreen;
    static ReplaySummary summary;

    @BeforeAll
    static void replayTheWholeCeremony(KafkaBroker broker) throws Exception {
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "e2e-" + UUID.randomUUID(), "e2e-editor", "e2e-token"));
        viewer = join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), ID, r -> {}));
        otherScreen = join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), ID, r -> {}));
        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
        summary = join(replayer.replay(GG74, ReferenceRecordsLoader.before(GG74.definition()), Duration.ZERO));
        String last = Replayer.eventId(GG74.definition().id(), GG74.results().get(GG74.results().size() - 1).order());
        await().atMost(WAIT).until(() -> viewer.firstFrameOf(last) != null && otherScreen.firstFrameOf(last) != null);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void everyWinIsAcceptedAndReachesEachScreenAsOneUpdateInSequenceWithoutGapsOrDuplicates() {
        assertTrue(summary.succeeded(), () -> "failures: " + summary.failures());
        assertEquals(26, summary.winsPosted());
        assertEquals(26, summary.withVerdict("ACCEPTED"));
        assertEquals("ACCEPTED", summary.definition().verdict());
        for (LiveWatcher screen : List.of(viewer, otherScreen)) {
            List<CeremonyUpdate> updates = screen.updates();
            // The definition, then one update per win: 27 frames, seq 1..27.
            assertEquals(LongStream.rangeClosed(1, 1 + 26).boxed().toList(),
                    updates.stream().map(CeremonyUpdate::seq).toList());
            CeremonyUpdate defined = updates.get(0);
            assertTrue(defined.changes().get(0) instanceof CeremonyDefined, defined::toString);
            assertEquals(summary.definition().firstSeq(), (Long) defined.seq());
            for (AnnouncedWin win : GG74.results()) {
                String eventId = Replayer.eventId(ID, win.order());
                List<CeremonyUpdate> frames = screen.updatesOf(eventId);
                assertEquals(1, frames.size(), () -> eventId + ": " + frames);
                List<Change> changes = frames.get(0).changes();
                // The winner first, then what it moved.
                WinnerDeclared declared = assertInstanceOf(WinnerDeclared.class, changes.get(0));
                assertEquals(List.of(win.category(), win.nominee()), List.of(declared.category(), declared.nominee()));
                assertFalse(frames.get(0).changesOf(TallyUpdated.class).isEmpty(), frames.get(0)::toString);
            }
        }
        // The seq the editor was told is the seq of the update the screens got.
        summary.posted().forEach(p -> assertEquals(p.firstSeq(), (Long) viewer.updatesOf(p.eventId()).get(0).seq(),
                p::toString));
    }

    @Test
    @Order(2)
    void theViewerSeesEveryRealWinnerAndLaLaLandEndsAtSevenOfSeven() {
        Map<String, String> expected = GG74.results().stream()
                .collect(Collectors.toMap(AnnouncedWin::category, AnnouncedWin::nominee, (a, b) -> a + "+" + b));
        Map<String, String> seen = viewer.changes(WinnerDeclared.class).stream()
                .collect(Collectors.toMap(WinnerDeclared::category, WinnerDeclared::nominee, (a, b) -> a + "+" + b));
        assertEquals(expected, seen);
        Map<String, TallyUpdated> works = new LinkedHashMap<>();
        viewer.changes(TallyUpdated.class).stream().filter(t -> t.subject() == TallyUpdated.Subject.WORK)
                .forEach(t -> works.put(t.name(), t));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 7, 7), works.get("La La Land"));
        assertEquals(1, works.get("Moonlight").wins());
        assertEquals(3, works.get("The Night Manager").wins());
    }

    @Test
    @Order(3)
    void exactlyTheFourTrueAlertsArriveEachOnceWithTheWinsThatRaiseThem() {
        List<RecordAlert> alerts = viewer.changes(RecordAlert.class);
        assertEquals(List.of(
                        "RECORD_TIED La La Land 6",
                        "YOUNGEST_WINNER Damien Chazelle 31",
                        "RECORD_BROKEN La La Land 7",
                        "PERFECT_NIGHT La La Land 7").stream().sorted().toList(),
                alerts.stream().map(a -> a.kind() + " " + a.subject() + " " + a.value()).sorted().toList());
        assertEquals(4, alerts.stream().map(RecordAlert::alertId).distinct().count(), alerts::toString);
        assertEquals(List.of(), viewer.changes(AlertWithdrawn.class));
        RecordAlert broken = alerts.stream().filter(a -> a.kind() == RecordAlert.Kind.RECORD_BROKEN).findFirst().orElseThrow();
        assertEquals(6, broken.previousValue());
        assertEquals(List.of("One Flew Over the Cuckoo's Nest", "Midnight Express"),
                broken.previousHolders().stream().map(h -> h.name()).toList());
        // The tie comes with La La Land's 6th announced win; the record and the perfect night with its 7th, together.
        List<String> laLaLandWins = GG74.results().stream()
                .filter(w -> GG74.definition().category(w.category()).flatMap(c -> c.nominee(w.nominee()))
                        .map(n -> "La La Land".equals(n.work())).orElse(false))
                .map(w -> Replayer.eventId(GG74.definition().id(), w.order())).toList();
        assertEquals(7, laLaLandWins.size());
        assertEquals(laLaLandWins.get(5), causeOf(RecordAlert.Kind.RECORD_TIED).eventId());
        CeremonyUpdate seventh = causeOf(RecordAlert.Kind.RECORD_BROKEN);
        assertEquals(laLaLandWins.get(6), seventh.eventId());
        assertEquals(seventh, causeOf(RecordAlert.Kind.PERFECT_NIGHT));
        String bestDirector = GG74.results().stream().filter(w -> w.category().equals("Best Director"))
                .map(w -> Replayer.eventId(ID, w.order())).findFirst().orElseThrow();
        assertEquals(bestDirector, causeOf(RecordAlert.Kind.YOUNGEST_WINNER).eventId());
        // The 7th win leaves the most-wins record at 7, held by La La Land (copied to award-records off the live path).
        RecordReference mostWins = seventh.changesOf(RecordUpdated.class).stream().map(RecordUpdated::reference)
                .filter(r -> r.record().equals(RecordReference.MOST_WINS)).findFirst()
                .orElseThrow(() -> new AssertionError("no most-wins record in " + seventh));
        assertEquals(7, mostWins.value());
        assertEquals(List.of("La La Land"), mostWins.holders().stream().map(h -> h.name()).toList());
    }

    /**
     * Runs last: it ends with a changed definition as a marker. The marker's seq is the next after the replay's
     * last, so the 27 repeated submits published nothing on ceremony-updates (seqs have no gaps); and the marker
     * is the only frame the screens got since, so nothing reached them either.
     */
    @Test
    @Order(4)
    void replayingTheSameSubmitsAgainPublishesNothing(KafkaBroker broker) throws Exception {
        int before = viewer.received().size();
        long lastSeq = viewer.updates().get(before - 1).seq();
        Replayer again = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
        ReplaySummary second = join(again.replay(GG74, List.of(), Duration.ZERO));
        assertTrue(second.succeeded(), () -> "failures: " + second.failures());
        assertEquals(26, second.withVerdict("DUPLICATE"));
        assertTrue(second.definition().unchanged(), second.definition()::toString);
        assertEquals(200, second.definition().status());
        assertEquals(null, second.definition().firstSeq());
        try (TopicProbe verdicts = TopicProbe.fromBeginning(broker, Topics.WIN_VERDICTS)) {
            List<WinVerdict> duplicates = verdicts.await(r -> r.key().equals(ID)
                            && Json.read(r.value(), WinVerdict.class).status() == WinVerdict.Status.DUPLICATE, 27, WAIT)
                    .stream().map(r -> Json.read(r.value(), WinVerdict.class)).toList();
            assertEquals(27, duplicates.size(), duplicates::toString);
            // The definition's verdict: unchanged, no update.
            assertEquals(1, duplicates.stream().filter(v -> v.firstSeq() == 0).count(), duplicates::toString);
        }

        CeremonyDefinition fixed = withBroadcaster(GG74.definition(), GG74.definition().broadcaster() + " (re-aired)");
        WebClient client = WebClient.create(pipeline.vertx());
        HttpResponse<Buffer> marker = join(client.postAbs(pipeline.ingestUrl() + "/ceremonies")
                .putHeader("Authorization", "Bearer e2e-token").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(Json.bytes(fixed))));
        client.close();
        assertEquals(202, marker.statusCode(), marker.bodyAsString());
        long markerSeq = Json.MAPPER.readTree(marker.bodyAsString()).get("firstSeq").asLong();
        assertEquals(lastSeq + 1, markerSeq, marker.bodyAsString());
        for (LiveWatcher screen : List.of(viewer, otherScreen)) {
            await().atMost(WAIT).until(() -> screen.updates().stream().anyMatch(u -> u.seq() == markerSeq));
            List<CeremonyUpdate> since = screen.updates().subList(before, screen.updates().size());
            assertEquals(List.of(markerSeq), since.stream().map(CeremonyUpdate::seq).toList(), since::toString);
            assertEquals(fixed, assertInstanceOf(CeremonyDefined.class, since.get(0).changes().get(0)).definition());
        }
    }

    private static CeremonyDefinition withBroadcaster(CeremonyDefinition d, String broadcaster) {
        return new CeremonyDefinition(d.id(), d.award(), d.title(), d.edition(), d.date(), broadcaster, d.categories());
    }

    private static CeremonyUpdate causeOf(RecordAlert.Kind kind) {
        List<CeremonyUpdate> causes = viewer.updates().stream()
                .filter(u -> u.changesOf(RecordAlert.class).stream().anyMatch(a -> a.kind() == kind)).toList();
        assertEquals(1, causes.size(), () -> kind + " in " + causes);
        return causes.get(0);
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
