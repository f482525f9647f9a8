package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.ingest.history.HistoryFile;
import dev.awardsticker.ingest.history.HistoryPlan;
import dev.awardsticker.ingest.importer.AnnouncedCorrection;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.testkit.HistoryAlerts;
import dev.awardsticker.testkit.HistoryFacts;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Academy Awards history through the live and derived topologies (TopologyTestDriver): each ceremony
 * judged against the ceremonies before it, and the 89th, replayed as shipped on top of the 1st to 88th, judged
 * against the history the derived app wrote to award-history. Expected records from the history's README.
 */
class HistoryTopologyTest {
    static final String AWARD = "academy-awards";
    static final HistoryFacts FACTS = HistoryFacts.shipped();

    TopologyTestDriver live;
    TopologyTestDriver derived;
    TestInputTopic<String, byte[]> commands;
    TestOutputTopic<String, byte[]> updates;
    TestInputTopic<String, byte[]> updatesIn;
    TestOutputTopic<String, byte[]> history;
    /** Ceremony -> its updates' alerts and withdrawals, in order. */
    final Map<String, List<Change>> alerts = new LinkedHashMap<>();
    final Map<String, CeremonyResults> historyTopic = new LinkedHashMap<>();
    // Long past, as a backlog is: the live app commits per interval, not per record (CeremonyProcessor.CAUGHT_UP_MS).
    Instant now = Instant.parse("2020-01-01T00:00:00Z");

    @BeforeEach
    void start() {
        StreamsAppConfig config = new StreamsAppConfig("dummy:9092", "history-test", Path.of("target/ttd-state"), 10, 1, 1);
        Properties props = config.toProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-history-" + System.nanoTime());
        live = new TopologyTestDriver(TickerTopology.build(), props);
        Properties derivedProps = config.derivedProperties();
        derivedProps.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-history-derived-" + System.nanoTime());
        derived = new TopologyTestDriver(TickerTopology.derived(), derivedProps);
        commands = live.createInputTopic(Topics.CEREMONY_COMMANDS, new StringSerializer(), new ByteArraySerializer());
        updates = live.createOutputTopic(Topics.CEREMONY_UPDATES, new StringDeserializer(), new ByteArrayDeserializer());
        updatesIn = derived.createInputTopic(Topics.CEREMONY_UPDATES, new StringSerializer(), new ByteArraySerializer());
        history = derived.createOutputTopic(Topics.AWARD_HISTORY, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        live.close();
        derived.close();
    }

    void send(CeremonyCommand command) {
        now = now.plusMillis(1);
        commands.pipeInput(command.ceremony(), Json.bytes(command), now);
        for (var record : updates.readRecordsToList()) {
            CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
            updatesIn.pipeInput(record.key(), record.value(), record.timestamp());
            update.changes().stream().filter(c -> c instanceof RecordAlert || c instanceof AlertWithdrawn)
                    .forEach(c -> alerts.computeIfAbsent(update.ceremony(), k -> new ArrayList<>()).add(c));
        }
        history.readRecordsToList().forEach(r -> historyTopic.put(r.key(), Json.read(r.value(), CeremonyResults.class)));
    }

    void importHistory(int through) {
        for (HistoryPlan.Step step : HistoryPlan.of(HistoryFile.shipped(AWARD), through, now.toEpochMilli())) {
            send(step.command());
        }
    }

    List<RecordAlert> raised(String ceremony, Predicate<RecordAlert> which) {
        return alerts.getOrDefault(ceremony, List.of()).stream().filter(RecordAlert.class::isInstance)
                .map(RecordAlert.class::cast).filter(which).toList();
    }

    @Test
    void eachCeremonyIsJudgedAgainstTheOnesBeforeIt() {
        importHistory(Integer.MAX_VALUE);
        assertEquals(98, historyTopic.size(), "every ceremony on award-history");
        HistoryAlerts.check70th(FACTS, raised("academy-awards-70", a -> true));
        HistoryAlerts.check76th(FACTS, raised("academy-awards-76", a -> true));
        HistoryAlerts.check89th(FACTS, raised("academy-awards-89", a -> true), false);
        HistoryAlerts.check98th(FACTS, raised("academy-awards-98", a -> true));
        // A ceremony imported whole is judged as it finished: nothing is left to watch.
        assertEquals(List.of(), raised("academy-awards-76", a -> a.kind() == RecordAlert.Kind.RECORD_WATCH));
    }

    @Test
    void the89thReplayedOnTopOfTheFirst88() {
        importHistory(88);
        assertEquals(88, historyTopic.size());
        CeremonyImport shipped = CeremonyImportLoader.builtIn("academy-awards-89").orElseThrow();
        // The sourced birth-date reference stays (a nominations history has no birth dates); the typed film
        // records posted with it are set aside by the history.
        TestInputTopic<String, byte[]> records = live.createInputTopic(Topics.AWARD_RECORDS, new StringSerializer(),
                new ByteArraySerializer());
        ReferenceRecordsLoader.before(shipped.definition()).forEach(r -> records.pipeInput(r.key(), Json.bytes(r)));
        var historyBefore = HistoryLedger.of(AWARD, historyTopic.values(), 89).before(shipped.definition());
        send(new DefinitionPosted("def-89", "academy-awards-89", shipped.definition(), now.toEpochMilli(), "desk",
                historyBefore));
        for (AnnouncedWin win : shipped.results()) {
            send(new WinAnnounced("w-" + win.order(), "academy-awards-89", win.category(), win.nominee(), false,
                    now.toEpochMilli(), "desk"));
            for (AnnouncedCorrection c : shipped.corrections()) {
                if (c.afterOrder() == win.order()) {
                    send(new WinCorrected("c-" + win.order(), "academy-awards-89", c.category(), c.announced(),
                            c.correctTo(), c.reason(), now.toEpochMilli(), "desk"));
                }
            }
        }
        HistoryAlerts.check89th(FACTS, raised("academy-awards-89", a -> true), true);
        assertWatchesComeDown("academy-awards-89");
    }

    /**
     * The same ceremony imported again is answered DUPLICATE; with another winner, REJECTED whole, and the ceremony
     * stays as it was: an import never overwrites.
     */
    @Test
    void anImportAgainIsADuplicateAndOtherResultsAreRefused() {
        TestOutputTopic<String, byte[]> verdicts = live.createOutputTopic(Topics.WIN_VERDICTS, new StringDeserializer(),
                new ByteArrayDeserializer());
        HistoryPlan.Step first = HistoryPlan.of(HistoryFile.shipped(AWARD), 1, now.toEpochMilli()).get(0);
        send(first.command());
        send(first.command());
        CeremonyImported.Win win = first.command().winners().get(0);
        String other = first.ceremony().definition().category(win.category()).orElseThrow().nominees().stream()
                .map(n -> n.name()).filter(n -> !n.equals(win.nominee())).findFirst().orElseThrow();
        List<CeremonyImported.Win> changed = new ArrayList<>(first.command().winners());
        changed.set(0, new CeremonyImported.Win(win.category(), other, false));
        send(new CeremonyImported("another-import", first.command().ceremony(), first.command().definition(), changed,
                now.toEpochMilli(), "archive", first.command().history()));
        List<WinVerdict> answers = verdicts.readValuesToList().stream().map(v -> Json.read(v, WinVerdict.class)).toList();
        assertEquals(List.of(WinVerdict.Status.DUPLICATE, WinVerdict.Status.REJECTED),
                answers.stream().map(WinVerdict::status).toList());
        assertEquals(1, answers.get(0).firstSeq(), "the import's own update");
        assertTrue(answers.get(1).reason().contains("never overwrites"), answers.get(1).reason());
        assertEquals(1, historyTopic.size(), "the first import's results stand");
        assertEquals(win.nominee(), historyTopic.values().iterator().next().winnersOf(win.category()).get(0));
    }

    /** Every record watch of a finished ceremony came down: it is decided, so nothing is left to watch. */
    void assertWatchesComeDown(String ceremony) {
        List<String> watches = raised(ceremony, a -> a.kind() == RecordAlert.Kind.RECORD_WATCH).stream()
                .map(RecordAlert::alertId).toList();
        List<String> withdrawn = alerts.get(ceremony).stream().filter(AlertWithdrawn.class::isInstance)
                .map(a -> ((AlertWithdrawn) a).alertId()).toList();
        assertTrue(!watches.isEmpty() && withdrawn.containsAll(watches), "watches " + watches + ", withdrawn " + withdrawn);
    }
}
