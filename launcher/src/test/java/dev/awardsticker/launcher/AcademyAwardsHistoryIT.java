package dev.awardsticker.launcher;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.history.HistoryFile;
import dev.awardsticker.ingest.history.HistoryImporter;
import dev.awardsticker.ingest.history.HistoryPlan;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.Pacing;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.launcher.watch.LiveWatcher;
import dev.awardsticker.testkit.HistoryAlerts;
import dev.awardsticker.testkit.HistoryFacts;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Academy Awards history end to end through a real broker, as a screen receives it (WebSocket viewers on the
 * gateway): ceremonies 1 to 88 imported Kafka-native, the 89th replayed live through ingest's HTTP API on top of
 * them (its history attached by ingest from award-history, which the derived app wrote from the import), then the
 * 90th to 98th imported. Every fact of the history README's table is asserted from what the viewers received.
 *
 * <p>On a broker of its own, not the shared one: every other test class starts a Streams app under a fresh
 * application id, which reads {@code ceremony-commands} from the beginning, and 3,600 history commands in that
 * backlog held their first verdicts past ingest's 5 s (a PENDING answer where the test expects ACCEPTED).
 */
class AcademyAwardsHistoryIT {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final HistoryFacts FACTS = HistoryFacts.shipped();
    /** An award family of its own: other test classes on the shared broker replay Oscars of their own. */
    private static final String AWARD = "academy-awards-h" + UUID.randomUUID().toString().substring(0, 6);
    private static final List<HistoryFile.HistoryCeremony> HISTORY = HistoryFile.shipped("academy-awards").stream()
            .map(c -> c.withAward(AWARD)).toList();
    private static final CeremonyImport SHIPPED_89 = CeremonyImportLoader.builtIn("academy-awards-89").orElseThrow();

    static EmbeddedKafka broker;
    static Pipeline pipeline;
    static final Map<Integer, LiveWatcher> viewers = new LinkedHashMap<>();
    static HistoryImporter.Summary first;
    static HistoryImporter.Summary rest;
    static HistoryImporter.Summary again;
    static ReplaySummary live89;
    static String importOutput;

    @BeforeAll
    static void importReplayImport() throws Exception {
        broker = EmbeddedKafka.start();
        TopicSetup.ensureTopics(broker.bootstrapServers(), (short) 1);
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "history-" + UUID.randomUUID(), "e2e-editor", "e2e-token"));
        for (int edition : List.of(70, 76, 89, 98)) {
            viewers.put(edition, join(LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(),
                    AWARD + "-" + edition, r -> {})));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HistoryImporter importer = new HistoryImporter(broker.bootstrapServers(),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            first = importer.run(HistoryPlan.of(HISTORY, 1, 88, System.currentTimeMillis()), WAIT);
            // The 89th as shipped (sourced show order, the Best Picture correction, birth dates), live through ingest.
            CeremonyImport ceremony = SHIPPED_89.withAward(AWARD).withCeremonyId(AWARD + "-89");
            Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), "e2e-token", line -> {});
            live89 = join(replayer.replay(ceremony, ReferenceRecordsLoader.before(SHIPPED_89.definition()).stream()
                    .map(r -> r.withAward(AWARD)).toList(), Pacing.fastest()));
            String last = ceremony.steps().get(ceremony.steps().size() - 1).eventId();
            await().atMost(WAIT).until(() -> viewers.get(89).firstFrameOf(last) != null);
            rest = importer.run(HistoryPlan.of(HISTORY, 90, 98, System.currentTimeMillis()), WAIT);
            // Running it again changes nothing: every command is answered DUPLICATE.
            again = importer.run(HistoryPlan.of(HISTORY, 1, 20, System.currentTimeMillis()), WAIT);
        }
        importOutput = out.toString(StandardCharsets.UTF_8);
        for (int edition : viewers.keySet()) {
            int e = edition;
            await().atMost(WAIT).until(() -> !viewers.get(e).updates().isEmpty());
            System.out.println("== " + AWARD + "-" + edition + " as a screen received it");
            for (CeremonyUpdate update : viewers.get(edition).updates()) {
                for (Change change : update.changes()) {
                    if (change instanceof RecordAlert alert) {
                        System.out.println("  seq " + update.seq() + " " + alert.kind() + ": " + alert.headline());
                    } else if (change instanceof AlertWithdrawn withdrawn) {
                        System.out.println("  seq " + update.seq() + " WITHDRAWN: " + withdrawn.headline() + " ("
                                + withdrawn.reason() + ")");
                    }
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theImportIsAcceptedWholeWithProgressAndAgainChangesNothing() {
        assertEquals(List.of(), first.rejected());
        assertEquals(88, first.ceremonies());
        assertEquals(first.commands(), first.accepted());
        assertEquals(rest.commands(), rest.accepted());
        assertTrue(live89.succeeded(), () -> "failures: " + live89.failures());
        assertEquals(0, again.accepted());
        assertEquals(again.commands(), again.duplicates());
        assertTrue(importOutput.contains("[70/88] 70th Academy Awards"), importOutput);
    }

    @Test
    void the70thAnd76thAreJudgedAgainstTheCeremoniesBeforeThem() {
        HistoryAlerts.check70th(FACTS, alerts(70));
        HistoryAlerts.check76th(FACTS, alerts(76));
    }

    @Test
    void the89thLiveOnTopOfTheFirst88RaisesExactlyWhatARecordDeskWrites() {
        HistoryAlerts.check89th(FACTS, alerts(89), true);
        // The README's 89th: its nominations and winners, La La Land's and Moonlight's night.
        assertEquals(FACTS.number("89th ceremony", ""), competitiveNominations(89));
        assertEquals(FACTS.number("89th ceremony", "nominations,"), finalDecided(89));
        assertEquals(List.of(FACTS.number("89th ceremony", "La La Land"), FACTS.number("89th ceremony", "La La Land 6 of")),
                workTally(89, "La La Land"));
        assertEquals(List.of(FACTS.number("89th ceremony", "Moonlight"), FACTS.number("89th ceremony", "Moonlight 3 of")),
                workTally(89, "Moonlight"));
        // Every watch came down once its categories were decided.
        List<String> watches = alerts(89).stream().filter(a -> a.kind() == RecordAlert.Kind.RECORD_WATCH)
                .map(RecordAlert::alertId).toList();
        List<String> withdrawn = viewers.get(89).changes(AlertWithdrawn.class).stream().map(AlertWithdrawn::alertId)
                .toList();
        assertTrue(withdrawn.containsAll(watches), () -> watches + " / " + withdrawn);
    }

    @Test
    void the98thBreaksTheNominationsRecord() {
        HistoryAlerts.check98th(FACTS, alerts(98));
        String at98 = FACTS.row("most nominations by a film, at the 98th");
        String sinners = at98.substring(at98.indexOf(':') + 1, at98.indexOf('(')).strip();
        assertEquals(FACTS.number("most nominations by a film, at the 98th", "won"), workTally(98, sinners).get(0));
        String other = at98.substring(at98.indexOf(';') + 1, at98.lastIndexOf(" won")).strip();
        assertEquals(FACTS.number("most nominations by a film, at the 98th", other + " won"),
                workTally(98, other).get(0));
    }

    /** The REST views: a record with its holders over time, a person's all-time standing. */
    @Test
    void restShowsEachRecordOverTimeAndAPersonsStanding() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.JsonNode records = dev.awardsticker.contract.Json.MAPPER.readTree(http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pipeline.ingestUrl() + "/history/" + AWARD
                        + "/records")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        com.fasterxml.jackson.databind.JsonNode mostWins = null;
        for (com.fasterxml.jackson.databind.JsonNode record : records) {
            if (record.get("record").asText().equals("most-wins-single-work")) {
                mostWins = record;
            }
        }
        HistoryFacts.Stated stated = FACTS.record(HistoryAlerts.MOST_WINS);
        assertEquals(stated.value(), mostWins.get("value").asInt(), mostWins::toString);
        List<String> holders = new java.util.ArrayList<>();
        mostWins.get("holders").forEach(h -> holders.add(h.get("name").asText()));
        assertEquals(stated.names(), holders);
        assertTrue(mostWins.get("timeline").size() > 3, "the record's values over time");
        String streep = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pipeline.ingestUrl()
                + "/history/" + AWARD + "/subjects?name=meryl%20streep")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        String id = dev.awardsticker.contract.Json.MAPPER.readTree(streep).get(0).get("id").asText();
        com.fasterxml.jackson.databind.JsonNode standing = dev.awardsticker.contract.Json.MAPPER.readTree(http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pipeline.ingestUrl() + "/history/" + AWARD
                        + "/subjects/" + id)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(standing.get("career").get("actingNominations").asInt() >= FACTS.number("Meryl Streep", "her"),
                standing::toString);
        assertTrue(standing.get("holds").toString().contains("most-nominations:person:acting"), standing::toString);
    }

    private static List<RecordAlert> alerts(int edition) {
        return viewers.get(edition).changes(RecordAlert.class);
    }

    private static long competitiveNominations(int edition) {
        CeremonyDefined defined = viewers.get(edition).changes(CeremonyDefined.class).get(0);
        return defined.definition().categories().stream().filter(Category::competitive)
                .mapToLong(c -> c.nominees().size()).sum();
    }

    private static int finalDecided(int edition) {
        List<WinnerDeclared> declared = viewers.get(edition).changes(WinnerDeclared.class);
        return declared.get(declared.size() - 1).decided();
    }

    /** [wins, nominations] of a work at the end of the night, as its last tally said. */
    private static List<Integer> workTally(int edition, String work) {
        TallyUpdated last = viewers.get(edition).changes(TallyUpdated.class).stream()
                .filter(t -> t.subject() == TallyUpdated.Subject.WORK && t.name().equalsIgnoreCase(work))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no tally of " + work));
        return List.of(last.wins(), last.nominations());
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
