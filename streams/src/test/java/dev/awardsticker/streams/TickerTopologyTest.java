package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.CeremonyTally;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.streams.ceremony.CeremonyStore;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live topology ({@link TickerTopology#build}) fed with commands, its updates fed on to the derived topology
 * ({@link TickerTopology#derived}), and the derived app's award-records fed back to the live app's global store,
 * as on a broker (there, a commit interval or two later).
 */
class TickerTopologyTest {
    static final String C = "test-awards-1";
    static final String APP = "topology-test";

    static final CeremonyDefinition DEFINITION = TestCeremony.definition(C, "test-awards");

    static final RecordReference MOST_WINS = TestCeremony.mostWins("test-awards");
    static final RecordReference YOUNGEST_DIRECTOR = TestCeremony.youngestDirector("test-awards");

    TopologyTestDriver driver;
    TopologyTestDriver derivedDriver;
    TestInputTopic<String, byte[]> commands;
    TestInputTopic<String, byte[]> records;

    TestInputTopic<String, byte[]> updatesIn;
    TestInputTopic<String, byte[]> talliesBySubject;
    TestOutputTopic<String, byte[]> recordsOut;
    TestOutputTopic<String, byte[]> tallies;
    TestOutputTopic<String, byte[]> leaderboards;
    TestOutputTopic<String, byte[]> allTime;
    /** Updates read from the live app (and passed on to the derived one) that the test has not read yet. */
    final List<CeremonyUpdate> pending = new ArrayList<>();
    /**
     * One verdict per command, in command order, not read yet: its win-verdicts record (DUPLICATE, REJECTED) or,
     * for a command that published an update, {@code WinVerdict.accepted(update)}. Kept in order by reading the
     * live app's outputs after every command ({@link #send}): two output topics alone would lose it.
     */
    final List<WinVerdict> judged = new ArrayList<>();
    /** Dead letters the live app wrote that the test has not read yet. */
    final List<TestRecord<String, byte[]>> deadLettered = new ArrayList<>();
    /** Topic -> records the live app wrote there (changelogs too) since {@link #writtenByLiveApp} last returned. */
    final Map<String, Integer> written = new TreeMap<>();
    /** The largest key + value, in bytes, the live app wrote since {@link #readEverythingProduced} last returned. */
    int largestWritten;
    /** Whether {@link #drain} passes the live app's updates on to the derived app (all tests but the giant one). */
    boolean passUpdatesToDerived = true;
    /** Latest all-time value per key, over every read (a compacted topic's view). */
    final Map<String, AllTimeTally> allTimeLatest = new LinkedHashMap<>();
    /** Latest reference record per key the derived app wrote (a compacted topic's view). */
    final Map<String, byte[]> recordsLatest = new LinkedHashMap<>();
    Instant now = Instant.parse("2020-01-05T20:00:00Z");
    int definitionIds;

    @BeforeEach
    void start() {
        StreamsAppConfig config = new StreamsAppConfig("dummy:9092", APP, Path.of("target/ttd-state"), 10, 1, 1);
        Properties props = config.toProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-state-" + System.nanoTime());
        driver = new TopologyTestDriver(TickerTopology.build(), props);
        Properties derivedProps = config.derivedProperties();
        derivedProps.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-state-derived-" + System.nanoTime());
        derivedDriver = new TopologyTestDriver(TickerTopology.derived(), derivedProps);
        StringSerializer k = new StringSerializer();
        ByteArraySerializer v = new ByteArraySerializer();
        StringDeserializer kd = new StringDeserializer();
        ByteArrayDeserializer vd = new ByteArrayDeserializer();
        commands = driver.createInputTopic(Topics.CEREMONY_COMMANDS, k, v);
        records = driver.createInputTopic(Topics.AWARD_RECORDS, k, v);
        updatesIn = derivedDriver.createInputTopic(Topics.CEREMONY_UPDATES, k, v);
        talliesBySubject = derivedDriver.createInputTopic(Topics.TALLIES_BY_SUBJECT, k, v);
        recordsOut = derivedDriver.createOutputTopic(Topics.AWARD_RECORDS, kd, vd);
        tallies = derivedDriver.createOutputTopic(Topics.TALLIES, kd, vd);
        leaderboards = derivedDriver.createOutputTopic(Topics.LEADERBOARD, kd, vd);
        allTime = derivedDriver.createOutputTopic(Topics.ALL_TIME_TALLIES, kd, vd);
    }

    @AfterEach
    void stop() {
        driver.close();
        derivedDriver.close();
    }

    void define() {
        post(C, DEFINITION, now);
    }

    /**
     * Writes one command to ceremony-commands, as ingest does, and reads what the live app made of it at once
     * ({@link #drain}), so that {@link #judged} keeps the commands' order. Every command is answered exactly once:
     * by its update, by its verdict, or (unreadable) by a dead letter.
     */
    /** Offset of the last command piped in (the driver numbers a topic's records from 0). */
    long commandOffset = -1;

    void send(String ceremony, byte[] command, Instant at) {
        int answered = judged.size() + deadLettered.size();
        commands.pipeInput(ceremony, command, at);
        commandOffset++;
        drain();
        assertEquals(answered + 1, judged.size() + deadLettered.size(),
                "one answer per command (an update, a win-verdicts record or a dead letter): " + judged);
    }

    /**
     * Reads (and so frees) everything the live app wrote, on every topic, stores' changelogs included: updates go to
     * {@link #pending} and on to the derived app, every command's verdict to {@link #judged} (an update stands for
     * its command's ACCEPTED verdict), dead letters to {@link #deadLettered}, the counts to {@link #written}.
     */
    /** An answer names the command it answers (its offset on ceremony-commands), which ingest pairs it by. */
    void assertAnswers(TestRecord<String, byte[]> answer) {
        Header offset = answer.headers().lastHeader(KafkaHeaders.COMMAND_OFFSET);
        assertNotNull(offset, "an update or verdict without " + KafkaHeaders.COMMAND_OFFSET);
        assertEquals(Long.toString(commandOffset), new String(offset.value(), StandardCharsets.UTF_8));
    }

    void drain() {
        List<WinVerdict> accepted = new ArrayList<>();
        List<WinVerdict> others = new ArrayList<>();
        for (String topic : driver.producedTopicNames()) {
            List<TestRecord<String, byte[]>> read = driver.createOutputTopic(topic, new StringDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList();
            if (read.isEmpty()) {
                continue;
            }
            written.merge(topic, read.size(), Integer::sum);
            for (TestRecord<String, byte[]> record : read) {
                largestWritten = Math.max(largestWritten, (record.key() == null ? 0 : record.key().length())
                        + (record.value() == null ? 0 : record.value().length));
                switch (topic) {
                    case Topics.CEREMONY_UPDATES -> {
                        assertAnswers(record);
                        CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
                        pending.add(update);
                        if (passUpdatesToDerived) {
                            updatesIn.pipeInput(record.key(), record.value(), record.timestamp());
                        }
                        accepted.add(WinVerdict.accepted(update));
                    }
                    case Topics.WIN_VERDICTS -> {
                        assertAnswers(record);
                        others.add(Json.read(record.value(), WinVerdict.class));
                    }
                    case Topics.DEAD_LETTERS -> deadLettered.add(record);
                    default -> { }
                }
            }
        }
        // Across the two topics the order is lost: only one command's output may be read at a time.
        assertTrue(accepted.isEmpty() || others.isEmpty(),
                "updates and verdicts read together (a command answered twice, or not drained after each): "
                        + accepted + " " + others);
        judged.addAll(accepted);
        judged.addAll(others);
    }

    /** Posts a definition as ingest does: a DefinitionPosted with an id of its own on ceremony-commands. */
    void post(String ceremony, CeremonyDefinition definition, Instant at) {
        send(ceremony, Json.bytes(new DefinitionPosted("def-" + ++definitionIds, ceremony, definition,
                at.toEpochMilli(), "ed")), at);
    }

    void seedRecords() {
        records.pipeInput(MOST_WINS.key(), Json.bytes(MOST_WINS), now);
        records.pipeInput(YOUNGEST_DIRECTOR.key(), Json.bytes(YOUNGEST_DIRECTOR), now);
    }

    void win(String eventId, String category, String nominee) {
        win(eventId, category, nominee, false);
    }

    void win(String eventId, String category, String nominee, boolean tie) {
        winIn(C, eventId, category, nominee, tie);
    }

    void winIn(String ceremony, String eventId, String category, String nominee, boolean tie) {
        now = now.plusSeconds(60);
        send(ceremony, Json.bytes(new WinAnnounced(eventId, ceremony, category, nominee, tie,
                now.toEpochMilli(), "ed")), now);
    }

    void correctIn(String ceremony, String eventId, String category, String wrong, String right) {
        now = now.plusSeconds(60);
        send(ceremony, Json.bytes(new WinCorrected(eventId, ceremony, category, wrong, right,
                "wrong envelope", now.toEpochMilli(), "ed")), now);
    }

    /**
     * Moves what the live app wrote on to the derived app, and the reference records the derived app wrote back to
     * the live app's global store.
     */
    void pump() {
        drain();
        for (TestRecord<String, byte[]> record : recordsOut.readRecordsToList()) {
            recordsLatest.put(record.key(), record.value());
            records.pipeInput(record.key(), record.value(), record.timestamp());
        }
    }

    List<Leaderboard> leaderboards() {
        return leaderboardRecords().stream().map(r -> Json.read(r.value(), Leaderboard.class)).toList();
    }

    List<TestRecord<String, byte[]>> leaderboardRecords() {
        pump();
        return leaderboards.readRecordsToList();
    }

    Map<String, byte[]> derivedTallies() {
        pump();
        return tallies.readKeyValuesToMap();
    }

    /** The latest reference records the derived app wrote, by key. */
    Map<String, byte[]> recordsWritten() {
        pump();
        return recordsLatest;
    }

    /** All-time values published since the last call, in order; {@link #allTimeLatest} keeps the latest per key. */
    List<AllTimeTally> allTime() {
        pump();
        return allTime.readKeyValuesToList().stream().map(kv -> {
            AllTimeTally t = Json.read(kv.value, AllTimeTally.class);
            assertEquals(t.key(), kv.key);
            allTimeLatest.put(kv.key, t);
            return t;
        }).toList();
    }

    AllTimeTally allTimeOf(String award, TallyUpdated.Subject subject, String name) {
        allTime();
        return allTimeLatest.get(AllTimeTally.key(award, subject, name));
    }

    /** The updates written since the last call. */
    List<CeremonyUpdate> updates() {
        pump();
        List<CeremonyUpdate> read = List.copyOf(pending);
        pending.clear();
        return read;
    }

    /** The verdicts on editor events given since the last call (those on definitions are read and dropped). */
    List<WinVerdict> verdicts() {
        return allVerdicts().stream().filter(v -> !v.eventId().startsWith("def-")).toList();
    }

    /** One verdict per command judged since the last call, in command order (see {@link #judged}). */
    List<WinVerdict> allVerdicts() {
        drain();
        List<WinVerdict> read = List.copyOf(judged);
        judged.clear();
        return read;
    }

    /** The dead letters written since the last call. */
    List<TestRecord<String, byte[]>> deadLetters() {
        drain();
        List<TestRecord<String, byte[]>> read = List.copyOf(deadLettered);
        deadLettered.clear();
        return read;
    }

    static List<Change> changes(List<CeremonyUpdate> updates) {
        return updates.stream().flatMap(u -> u.changes().stream()).toList();
    }

    static <T extends Change> List<T> changes(List<CeremonyUpdate> updates, Class<T> type) {
        return changes(updates).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<RecordAlert> alerts(List<CeremonyUpdate> updates) {
        return changes(updates, RecordAlert.class);
    }

    static TallyUpdated lastTally(List<CeremonyUpdate> updates, TallyUpdated.Subject subject, String name) {
        return changes(updates, TallyUpdated.class).stream().filter(t -> t.subject() == subject && t.name().equals(name))
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Topic -> records written there since the last call, for every topic the live app wrote (changelogs too). */
    Map<String, Integer> writtenByLiveApp() {
        drain();
        Map<String, Integer> read = new TreeMap<>(written);
        written.clear();
        return read;
    }

    @Test
    void definitionPublishesItselfAndEveryNominationTallyFromSequenceOne() {
        define();
        List<CeremonyUpdate> out = updates();
        assertEquals(1, out.size(), "one update for the definition and all it decides");
        assertTrue(out.get(0).changes().get(0) instanceof CeremonyDefined);
        assertEquals("def-1", out.get(0).eventId());
        assertEquals(1, out.get(0).seq());
        assertEquals(List.of(new WinVerdict(C, "def-1", WinVerdict.Status.ACCEPTED, null, 1)), allVerdicts());
        LeaderboardChanged board = changes(out, LeaderboardChanged.class).get(0);
        assertEquals(List.of("Beta", "Alpha", "Gamma"), board.entries().stream().map(Leaderboard.Entry::work).toList());
        assertEquals(now.toEpochMilli(), out.get(0).epoch());
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 0, 3),
                lastTally(out, TallyUpdated.Subject.WORK, "Alpha"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.STUDIO, "Studio B", 0, 4),
                lastTally(out, TallyUpdated.Subject.STUDIO, "Studio B"));
        assertSequenceFrom(1, out);
    }

    @Test
    void winsUpdateWorkPersonAndStudioTalliesWithGapFreeSequence() {
        define();
        long afterDefinition = updates().size();
        win("e1", "Best Director", "Alice");
        win("e2", "Best Actor", "Finn");
        List<CeremonyUpdate> out = updates();
        assertSequenceFrom(afterDefinition + 1, out);
        WinnerDeclared declared = (WinnerDeclared) out.get(0).changes().get(0);
        assertEquals("Alpha", declared.work());
        assertEquals(1, declared.decided());
        assertEquals(4, declared.total());
        assertEquals("e1", out.get(0).eventId());
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 1, 3), lastTally(out, TallyUpdated.Subject.WORK, "Alpha"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.PERSON, "Alice", 1, 1), lastTally(out, TallyUpdated.Subject.PERSON, "Alice"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.STUDIO, "Studio A", 1, 3), lastTally(out, TallyUpdated.Subject.STUDIO, "Studio A"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Gamma", 1, 1), lastTally(out, TallyUpdated.Subject.WORK, "Gamma"));
        assertEquals(List.of(WinVerdict.Status.ACCEPTED, WinVerdict.Status.ACCEPTED),
                verdicts().stream().map(WinVerdict::status).toList());
        // The compacted tallies topic carries the latest tally per subject under its own key.
        assertTrue(derivedTallies().containsKey(C + "|WORK|Alpha"));
    }

    @Test
    void recordIsTiedThenBrokenThenAPerfectNightAndTheNewRecordIsWrittenBack() {
        seedRecords();
        define();
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        List<RecordAlert> afterTwo = alerts(updates());
        assertEquals(List.of(RecordAlert.Kind.RECORD_TIED, RecordAlert.Kind.YOUNGEST_WINNER),
                afterTwo.stream().map(RecordAlert::kind).toList());
        RecordAlert tied = afterTwo.get(0);
        assertEquals(C + ":most-wins-tied:Alpha", tied.alertId());
        assertEquals(2, tied.previousValue());
        assertEquals("Old Film", tied.previousHolders().get(0).name());

        win("e3", "Best Song", "Alpha Song");
        List<RecordAlert> afterThree = alerts(updates());
        assertEquals(List.of(RecordAlert.Kind.RECORD_BROKEN, RecordAlert.Kind.PERFECT_NIGHT),
                afterThree.stream().map(RecordAlert::kind).toList());
        RecordAlert broken = afterThree.get(0);
        assertEquals(3, broken.value());
        // Compared with the record before this ceremony (2), not with the tie Alpha itself set.
        assertEquals(2, broken.previousValue());
        assertTrue(broken.headline().startsWith("RECORD BROKEN: Alpha wins 3"), broken.headline());
        assertEquals("PERFECT NIGHT: Alpha wins all 3 of its 3 nominations at the 1st Test Awards",
                afterThree.get(1).headline());

        RecordReference latest = recordsWritten().entrySet().stream()
                .filter(e -> e.getKey().equals(MOST_WINS.key()))
                .map(e -> Json.read(e.getValue(), RecordReference.class)).findFirst().orElseThrow();
        assertEquals(3, latest.value());
        assertEquals(List.of(new RecordHolder("Alpha", 2020, C)), latest.holders());
    }

    @Test
    void youngestWinnerNeedsAStrictlyLowerAgeAndAReference() {
        seedRecords();
        define();
        win("e1", "Best Director", "Alice");
        RecordAlert youngest = alerts(updates()).get(0);
        assertEquals(RecordAlert.Kind.YOUNGEST_WINNER, youngest.kind());
        assertEquals(29, youngest.value());
        assertEquals("YOUNGEST EVER: Alice, 29, is the youngest Best Director winner in Test Awards history. "
                + "Previous: Young Once, 1980 at 30", youngest.headline());
    }

    @Test
    void noReferenceDataMeansNoRecordAlerts() {
        define();
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        win("e3", "Best Song", "Alpha Song");
        // Only the perfect night stands on the ceremony's own data; record claims need references.
        assertEquals(List.of(RecordAlert.Kind.PERFECT_NIGHT), alerts(updates()).stream().map(RecordAlert::kind).toList());
    }

    @Test
    void noPerfectNightWhileOneOfTheWorksCategoriesIsUndecided() {
        define();
        win("e1", "Best Picture", "Beta");
        win("e2", "Best Director", "Bob");
        win("e3", "Best Song", "Beta Song");
        assertTrue(alerts(updates()).isEmpty(), "Beta has 3 of 4, Best Actor is undecided");
        win("e4", "Best Actor", "Eve");
        assertEquals(List.of(RecordAlert.Kind.PERFECT_NIGHT), alerts(updates()).stream().map(RecordAlert::kind).toList());
    }

    @Test
    void aRetriedEventIdChangesNothingAndTheSameIdWithAnotherBodyIsRejected() {
        define();
        updates();
        win("e1", "Best Picture", "Alpha");
        long produced = updates().size();
        win("e1", "Best Picture", "Alpha");
        win("e1", "Best Director", "Alice");
        assertTrue(updates().isEmpty());
        List<WinVerdict> v = verdicts();
        assertEquals(List.of(WinVerdict.Status.ACCEPTED, WinVerdict.Status.DUPLICATE, WinVerdict.Status.REJECTED),
                v.stream().map(WinVerdict::status).toList());
        assertTrue(produced > 0);
        assertEquals(v.get(0).firstSeq(), v.get(1).firstSeq(), "a retry is answered with the original position");
    }

    @Test
    void aSecondWinnerIsRejectedUnlessItIsATie() {
        define();
        win("e1", "Best Picture", "Alpha");
        updates();
        win("e2", "Best Picture", "Beta");
        assertTrue(updates().isEmpty());
        WinVerdict rejected = verdicts().get(1);
        assertEquals(WinVerdict.Status.REJECTED, rejected.status());
        assertTrue(rejected.reason().contains("already decided (Alpha)"), rejected.reason());

        win("e3", "Best Picture", "Beta", true);
        List<CeremonyUpdate> out = updates();
        WinnerDeclared tie = (WinnerDeclared) out.get(0).changes().get(0);
        assertTrue(tie.tie());
        assertEquals(1, tie.decided(), "a tie decides no new category");
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
    }

    @Test
    void winsForUnknownCeremonyCategoryOrNomineeAreRejectedWithTheReason() {
        send(C, Json.bytes(new WinAnnounced("e0", C, "Best Picture", "Alpha", false, 1, "ed")), now);
        define();
        win("e1", "Best Costume", "Alpha");
        win("e2", "Best Picture", "Zeta");
        List<WinVerdict> v = verdicts();
        assertEquals(List.of("ceremony 'test-awards-1' is not defined", "category 'Best Costume' is not in test-awards-1",
                "'Zeta' is not nominated in 'Best Picture'"), v.stream().map(WinVerdict::reason).toList());
    }

    @Test
    void poisonRecordsGoToDeadLettersWithTheReasonAndProcessingGoesOn() {
        define();
        updates();
        send(C, "{not json".getBytes(StandardCharsets.UTF_8), now);
        send(C, "{\"type\":\"Bogus\",\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8), now);
        send("another-ceremony", Json.bytes(new WinAnnounced("e9", C, "Best Picture", "Alpha", false, 1, "ed")), now);
        win("e1", "Best Picture", "Alpha");
        List<TestRecord<String, byte[]>> dead = deadLetters();
        assertEquals(3, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader(KafkaHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("not a valid CeremonyCommand"), reason);
        assertTrue(new String(dead.get(2).headers().lastHeader(KafkaHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8)
                .contains("does not match key"));
        assertFalse(updates().isEmpty(), "the next good record is still processed");
    }

    void correct(String eventId, String category, String wrong, String right) {
        now = now.plusSeconds(60);
        send(C, Json.bytes(new WinCorrected(eventId, C, category, wrong, right, "wrong envelope",
                now.toEpochMilli(), "ed")), now);
    }

    @Test
    void aCorrectionWithdrawsTheAlertsThatRestedOnTheWrongWinAndRestoresTheRecord() {
        seedRecords();
        define();
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        win("e3", "Best Song", "Alpha Song");
        updates();
        correct("e4", "Best Song", "Alpha Song", "Beta Song");
        List<CeremonyUpdate> out = updates();
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) out.get(0).changes().get(0);
        assertEquals("Alpha Song", withdrawn.nominee());
        assertEquals("wrong envelope", withdrawn.reason());
        assertEquals("Beta Song", ((WinnerDeclared) out.get(0).changes().get(1)).nominee());
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 2, 3), lastTally(out, TallyUpdated.Subject.WORK, "Alpha"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
        List<AlertWithdrawn> down = changes(out, AlertWithdrawn.class);
        assertEquals(List.of(C + ":most-wins-broken:Alpha", C + ":perfect-night:Alpha"),
                down.stream().map(AlertWithdrawn::alertId).sorted().toList());
        assertTrue(down.get(0).reason().contains("Alpha Song winning Best Song, which was wrong envelope"), down.get(0).reason());
        assertTrue(alerts(out).isEmpty(), "the tie at 2 still stands: nothing new to raise");
        // The award's record is back to 2, now shared by Old Film and Alpha.
        RecordReference restored = Json.read(recordsWritten().get(MOST_WINS.key()), RecordReference.class);
        assertEquals(2, restored.value());
        assertEquals(List.of("Old Film", "Alpha"), restored.holders().stream().map(RecordHolder::name).toList());
        assertEquals(WinVerdict.Status.ACCEPTED, verdicts().get(3).status());
    }

    @Test
    void aCorrectionRaisesTheAlertsThatBecomeTrue() {
        seedRecords();
        define();
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        win("e3", "Best Song", "Beta Song");
        updates();
        correct("e4", "Best Song", "Beta Song", "Alpha Song");
        assertEquals(List.of(RecordAlert.Kind.RECORD_BROKEN, RecordAlert.Kind.PERFECT_NIGHT),
                alerts(updates()).stream().map(RecordAlert::kind).toList());
    }

    @Test
    void aRetractionReopensTheCategoryAndAWrongCorrectionIsRejected() {
        define();
        win("e1", "Best Picture", "Alpha");
        updates();
        send(C, Json.bytes(new WinRetracted("e2", C, "Best Picture", "Alpha", null, 1, "ed")), now);
        correct("e3", "Best Director", "Alice", "Bob");
        List<CeremonyUpdate> out = updates();
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) out.get(0).changes().get(0);
        assertEquals("retracted", withdrawn.reason());
        assertEquals(0, withdrawn.decided());
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 0, 3), lastTally(out, TallyUpdated.Subject.WORK, "Alpha"));
        List<WinVerdict> v = verdicts();
        assertEquals(WinVerdict.Status.REJECTED, v.get(2).status());
        assertEquals("'Alice' is not a recorded winner of 'Best Director' (no winner yet)", v.get(2).reason());
        win("e4", "Best Picture", "Beta");
        assertEquals(WinVerdict.Status.ACCEPTED, verdicts().get(0).status(), "the category is open again");
    }

    @Test
    void aNominationsRecordIsNewsWhenTheDefinitionLoadsAndALateFixCanTakeItBack() {
        RecordReference mostNominations = new RecordReference("test-awards", RecordReference.MOST_NOMINATIONS, 4,
                List.of(new RecordHolder("Old Epic", 1976, null)), "Test almanac");
        records.pipeInput(mostNominations.key(), Json.bytes(mostNominations), now);
        define();
        List<RecordAlert> atLoad = alerts(updates());
        assertEquals(List.of(C + ":most-nominations-tied:Beta"), atLoad.stream().map(RecordAlert::alertId).toList());
        assertTrue(atLoad.get(0).headline().startsWith("RECORD TIED: Beta has 4 nominations"), atLoad.get(0).headline());

        // A late fix: Eve's nomination was for Gamma, not Beta. Beta is down to 3; the banner comes down.
        CeremonyDefinition fixed = new CeremonyDefinition(C, "test-awards", DEFINITION.title(), 1, DEFINITION.date(),
                DEFINITION.broadcaster(), DEFINITION.categories().stream().map(c -> !c.name().equals("Best Actor") ? c
                        : new Category(c.name(), List.of(new Nominee("Eve", "Gamma", List.of(new Person("Eve", null)), null),
                        c.nominees().get(1)))).toList());
        post(C, (fixed), now.plusSeconds(1));
        List<CeremonyUpdate> out = updates();
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 0, 3), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
        List<AlertWithdrawn> down = changes(out, AlertWithdrawn.class);
        assertEquals(List.of(C + ":most-nominations-tied:Beta"), down.stream().map(AlertWithdrawn::alertId).toList());
        assertTrue(down.get(0).reason().endsWith("the definition of test-awards-1 changed"), down.get(0).reason());
    }

    @Test
    void commandsRoundTripThroughTheContract() {
        for (CeremonyCommand command : List.of(new WinAnnounced("e1", C, "Best Picture", "Alpha", false, 5, "ed"),
                new WinRetracted("e2", C, "Best Picture", "Alpha", "typo", 6, "ed"),
                new WinCorrected("e3", C, "Best Picture", "Alpha", "Beta", null, 7, "ed"),
                new DefinitionPosted("d1", C, DEFINITION, 8, "ed"))) {
            assertEquals(command, Json.read(Json.bytes(command), CeremonyCommand.class));
        }
        EditorEvent event = new WinAnnounced("e1", C, "Best Picture", "Alpha", false, 5, "ed");
        assertEquals(event, Json.read(Json.bytes(event), EditorEvent.class));
    }

    // ---- Leaderboard ------------------------------------------------------------------------------------------

    static Leaderboard.Entry entry(int rank, String work, int wins, int nominations) {
        return new Leaderboard.Entry(rank, work, wins, nominations);
    }

    @Test
    void leaderboardRanksWorksByWinsAndTiesShareARank() {
        define();
        List<Leaderboard> atLoad = leaderboards();
        assertEquals(1, atLoad.size());
        assertEquals(new Leaderboard(C, now.toEpochMilli(), updates().size(), 0, 4,
                List.of("Best Picture", "Best Director", "Best Song", "Best Actor"),
                List.of(entry(1, "Beta", 0, 4), entry(1, "Alpha", 0, 3), entry(1, "Gamma", 0, 1))), atLoad.get(0));

        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Actor", "Finn");
        List<CeremonyUpdate> out = updates();
        List<Leaderboard> boards = leaderboards();
        assertEquals(2, boards.size(), "one standing per accepted win");
        Leaderboard board = boards.get(1);
        // Alpha and Gamma share first place on one win each; Beta, behind two works, is third, not second.
        assertEquals(List.of(entry(1, "Alpha", 1, 3), entry(1, "Gamma", 1, 1), entry(3, "Beta", 0, 4)), board.works());
        assertEquals(2, board.decided());
        assertEquals(List.of("Best Director", "Best Song"), board.remaining());
        assertEquals(out.get(out.size() - 1).seq(), board.seq(), "the standing names the last update it includes");

        win("e3", "Best Picture", "Beta");
        win("e1", "Best Picture", "Alpha");
        assertTrue(leaderboards().isEmpty(), "a rejected or repeated event moves nothing");
    }

    @Test
    void leaderboardDecidedAndRemainingFollowARetraction() {
        define();
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        assertEquals(List.of("Best Song", "Best Actor"), leaderboards().get(2).remaining());
        send(C, Json.bytes(new WinRetracted("e3", C, "Best Picture", "Alpha", "misread", 1, "ed")), now);
        List<TestRecord<String, byte[]>> published = leaderboardRecords();
        // The compacted topic's key is the ceremony, like every ceremony topic: one latest standing each.
        assertEquals(List.of(C), published.stream().map(TestRecord::key).toList());
        List<Leaderboard> after = published.stream().map(r -> Json.read(r.value(), Leaderboard.class)).toList();
        assertEquals(1, after.get(0).decided());
        assertEquals(4, after.get(0).total());
        assertEquals(List.of("Best Picture", "Best Song", "Best Actor"), after.get(0).remaining());
        assertEquals(List.of(entry(1, "Alpha", 1, 3), entry(2, "Beta", 0, 4), entry(2, "Gamma", 0, 1)),
                after.get(0).works());
    }

    // ---- All-time totals --------------------------------------------------------------------------------------

    @Test
    void allTimeTotalsSumTwoCeremoniesAndStayExactThroughACorrectionARepostAndAReplay() {
        String award = "test-awards";
        String c2 = "test-awards-2";
        define();
        post(c2, (TestCeremony.definition(c2, award)), now);
        win("e1", "Best Picture", "Alpha");
        win("e2", "Best Director", "Alice");
        winIn(c2, "f1", "Best Picture", "Alpha", false);
        correctIn(c2, "f2", "Best Picture", "Alpha", "Beta");
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Alpha", 2, 6, 2),
                allTimeOf(award, TallyUpdated.Subject.WORK, "Alpha"));
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Beta", 1, 8, 2),
                allTimeOf(award, TallyUpdated.Subject.WORK, "Beta"));
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.PERSON, "Alice", 1, 2, 2),
                allTimeOf(award, TallyUpdated.Subject.PERSON, "Alice"));
        assertFalse(allTimeLatest.containsKey(AllTimeTally.key(award, TallyUpdated.Subject.STUDIO, "Studio A")),
                "all-time totals are kept for works and people");

        // The same definition posted again and a replayed ceremony tally change nothing and publish nothing.
        post(C, (DEFINITION), now.plusSeconds(1));
        CeremonyTally replayed = new CeremonyTally(award, C, TallyUpdated.Subject.WORK, "Alpha", 2, 3);
        talliesBySubject.pipeInput(replayed.key(), Json.bytes(replayed), now);
        talliesBySubject.pipeInput(replayed.key(), Json.bytes(replayed), now);
        assertTrue(allTime().isEmpty(), "absolute values: a second delivery is no second count");

        // A definition fix at the first ceremony (Eve's nomination was for Gamma) moves one nomination.
        post(C, (fixedDefinition()), now.plusSeconds(2));
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Beta", 1, 7, 2),
                allTimeOf(award, TallyUpdated.Subject.WORK, "Beta"));
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Gamma", 0, 3, 2),
                allTimeOf(award, TallyUpdated.Subject.WORK, "Gamma"));
        assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Alpha", 2, 6, 2),
                allTimeOf(award, TallyUpdated.Subject.WORK, "Alpha"));
    }

    /** Eve's Best Actor nomination moved from Beta to Gamma. */
    static CeremonyDefinition fixedDefinition() {
        return new CeremonyDefinition(C, "test-awards", DEFINITION.title(), 1, DEFINITION.date(),
                DEFINITION.broadcaster(), DEFINITION.categories().stream().map(c -> !c.name().equals("Best Actor") ? c
                : new Category(c.name(), List.of(new Nominee("Eve", "Gamma", List.of(new Person("Eve", null)), null),
                c.nominees().get(1)))).toList());
    }

    // ---- Age records to the day ---------------------------------------------------------------------------------

    static final String OSCARS = "academy-awards-89";

    void oscarsWithDirectorRecord(RecordReference youngestDirector) {
        records.pipeInput(youngestDirector.key(), Json.bytes(youngestDirector), now);
        post(OSCARS, (TestCeremony.oscars89(OSCARS, "academy-awards")), now);
        winIn(OSCARS, "o1", "Best Director", "Damien Chazelle", false);
    }

    @Test
    void chazelleIsYoungerThanTaurogToTheDayAndTheNewRecordKeepsHisDays() {
        oscarsWithDirectorRecord(TestCeremony.taurog("academy-awards", 11_947));
        List<RecordAlert> alerts = alerts(updates());
        assertEquals(1, alerts.size());
        RecordAlert youngest = alerts.get(0);
        assertEquals(RecordAlert.Kind.YOUNGEST_WINNER, youngest.kind());
        assertEquals(OSCARS + ":youngest-winner:Best Director:Damien Chazelle", youngest.alertId());
        assertEquals(32, youngest.value());
        assertEquals("YOUNGEST EVER: Damien Chazelle, 32 years 38 days, is the youngest Best Director winner in "
                + "Academy Awards history. Previous: Norman Taurog, 1931 at 32, 221 days older", youngest.headline());
        RecordReference written = Json.read(recordsWritten()
                .get(RecordReference.key("academy-awards", RecordReference.youngestWinner("Best Director"))),
                RecordReference.class);
        assertEquals(32, written.value());
        assertEquals(List.of(new RecordHolder("Damien Chazelle", 2017, OSCARS, 11_726)), written.holders());
    }

    @Test
    void sameAgeInDaysOrOlderIsNoYoungestRecord() {
        oscarsWithDirectorRecord(TestCeremony.taurog("academy-awards", 11_726));
        assertTrue(alerts(updates()).isEmpty(), "equal to the day is not younger");
    }

    @Test
    void anOlderWinnerInDaysIsNoYoungestRecordEvenInTheSameYears() {
        oscarsWithDirectorRecord(TestCeremony.taurog("academy-awards", 11_700));
        assertTrue(alerts(updates()).isEmpty());
        assertTrue(recordsWritten().isEmpty(), "the record stands");
    }

    @Test
    void withoutDaysEqualWholeYearsAreNotYounger() {
        oscarsWithDirectorRecord(TestCeremony.taurog("academy-awards", null));
        assertTrue(alerts(updates()).isEmpty(), "32 against 32 in whole years: no claim");
    }

    // ---- First-ever wins ----------------------------------------------------------------------------------------

    /** Made-up: Studio A has won before; the list is complete through {@code completeThrough}. */
    static RecordReference studiosBefore(Integer completeThrough) {
        return new RecordReference("test-awards", RecordReference.previousWinners("studio"), 1,
                List.of(new RecordHolder("Studio A", 2019, null)), "Test almanac (made up)", completeThrough);
    }

    void seed(RecordReference reference) {
        records.pipeInput(reference.key(), Json.bytes(reference), now);
    }

    @Test
    void aStudioMissingFromACompleteListWinsItsFirstAndACorrectionWithdrawsIt() {
        seed(studiosBefore(0));
        define();
        win("e1", "Best Picture", "Alpha");
        assertTrue(alerts(updates()).isEmpty(), "Studio A has won before");
        win("e2", "Best Director", "Bob");
        List<RecordAlert> alerts = alerts(updates());
        assertEquals(1, alerts.size());
        RecordAlert first = alerts.get(0);
        assertEquals(RecordAlert.Kind.FIRST_WIN, first.kind());
        assertEquals(C + ":first-win:Studio B", first.alertId());
        assertEquals("Studio B", first.subject());
        assertEquals("FIRST EVER: Studio B wins its first Test Award, at the 1st Test Awards (1 studio or network had"
                + " won before)", first.headline());
        assertEquals(RecordReference.key("test-awards", "winners-before:studio"), first.record());
        assertEquals(0, first.previousValue());

        correct("e3", "Best Director", "Bob", "Alice");
        List<CeremonyUpdate> out = updates();
        assertEquals(List.of(C + ":first-win:Studio B"), changes(out, AlertWithdrawn.class).stream()
                .map(AlertWithdrawn::alertId).toList());
        assertTrue(alerts(out).isEmpty());
    }

    @Test
    void theListOfPreviousWinnersIsCompletedLiveForTheNextEdition() {
        seed(studiosBefore(0));
        define();
        win("e1", "Best Picture", "Beta");
        RecordReference midShow = Json.read(recordsWritten().get(studiosBefore(0).key()), RecordReference.class);
        assertEquals(List.of("Studio A", "Studio B"), midShow.holders().stream().map(RecordHolder::name).toList());
        assertEquals(0, midShow.completeThroughEdition(), "not complete through this edition while categories are open");
        win("e2", "Best Director", "Alice");
        win("e3", "Best Song", "Alpha Song");
        win("e4", "Best Actor", "Finn");
        RecordReference done = Json.read(recordsWritten().get(studiosBefore(0).key()), RecordReference.class);
        assertEquals(1, done.completeThroughEdition());
        assertEquals(2, done.value());
    }

    @Test
    void noFirstWinWithoutAList() {
        define();
        win("e1", "Best Picture", "Beta");
        assertTrue(alerts(updates()).isEmpty(), "no reference");
    }

    @Test
    void noFirstWinWhenTheListDoesNotSayItIsComplete() {
        seed(studiosBefore(null));
        define();
        win("e1", "Best Picture", "Beta");
        assertTrue(alerts(updates()).isEmpty(), "Studio B may well have won before");
    }

    @Test
    void noFirstWinWhenTheListStopsBeforeThePreviousEdition() {
        seed(studiosBefore(1));
        post(C, (new CeremonyDefinition(C, "test-awards", "3rd Test Awards", 3,
                DEFINITION.date(), DEFINITION.broadcaster(), DEFINITION.categories())), now);
        win("e1", "Best Picture", "Beta");
        assertTrue(alerts(updates()).isEmpty(), "edition 2 is not covered");
    }

    // ---- 89th Academy Awards: the Best Picture correction -----------------------------------------------------

    @Test
    void oscars89BestPictureCorrectionLeavesMoonlight3AndLaLaLand6() {
        records.pipeInput(TestCeremony.taurog("academy-awards", 11_947).key(),
                Json.bytes(TestCeremony.taurog("academy-awards", 11_947)), now);
        post(OSCARS, (TestCeremony.oscars89(OSCARS, "academy-awards")), now);
        List<String[]> night = List.of(
                new String[] {"Best Supporting Actor", "Mahershala Ali"},
                new String[] {"Best Production Design", "La La Land"},
                new String[] {"Best Adapted Screenplay", "Moonlight"},
                new String[] {"Best Cinematography", "La La Land"},
                new String[] {"Best Original Score", "La La Land"},
                new String[] {"Best Original Song", "City of Stars"},
                new String[] {"Best Director", "Damien Chazelle"},
                new String[] {"Best Actress", "Emma Stone"});
        int i = 0;
        for (String[] win : night) {
            winIn(OSCARS, "o" + ++i, win[0], win[1], false);
        }
        updates();
        winIn(OSCARS, "o-bp", "Best Picture", "La La Land", false);
        List<CeremonyUpdate> wrong = updates();
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 7, 7),
                lastTally(wrong, TallyUpdated.Subject.WORK, "La La Land"));
        assertEquals(List.of(OSCARS + ":perfect-night:La La Land"), alerts(wrong).stream().map(RecordAlert::alertId).toList());
        List<Leaderboard> beforeCorrection = leaderboards();
        assertEquals(List.of(), beforeCorrection.get(beforeCorrection.size() - 1).remaining());

        // The envelope was wrong: Best Picture goes to Moonlight.
        correctIn(OSCARS, "o-fix", "Best Picture", "La La Land", "Moonlight");
        List<CeremonyUpdate> fixed = updates();
        assertEquals(1, fixed.size());
        WinnerWithdrawn withdrawal = (WinnerWithdrawn) fixed.get(0).changes().get(0);
        WinnerDeclared moonlight = (WinnerDeclared) fixed.get(0).changes().get(1);
        assertEquals(List.of(8, 9, 9, 9), List.of(withdrawal.decided(), withdrawal.total(), moonlight.decided(),
                moonlight.total()), "the withdrawal alone leaves Best Picture open");
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Moonlight", 3, 6),
                lastTally(fixed, TallyUpdated.Subject.WORK, "Moonlight"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 6, 7),
                lastTally(fixed, TallyUpdated.Subject.WORK, "La La Land"));
        List<String> withdrawn = changes(fixed, AlertWithdrawn.class).stream().map(AlertWithdrawn::alertId).toList();
        assertEquals(List.of(OSCARS + ":perfect-night:La La Land"), withdrawn,
                "the alert that rested on the wrong win comes down; Chazelle's youngest-director record stays");
        List<Leaderboard> boards = leaderboards();
        assertEquals(1, boards.size());
        Leaderboard board = boards.get(0);
        assertEquals(9, board.decided());
        assertEquals(fixed.get(fixed.size() - 1).seq(), board.seq());
        assertEquals(List.of(entry(1, "La La Land", 6, 7), entry(2, "Moonlight", 3, 6), entry(3, "Arrival", 0, 2),
                entry(3, "Jackie", 0, 1), entry(3, "Lion", 0, 1), entry(3, "Moana", 0, 1)), board.works());
        assertEquals(new AllTimeTally("academy-awards", TallyUpdated.Subject.WORK, "Moonlight", 3, 6, 1),
                allTimeOf("academy-awards", TallyUpdated.Subject.WORK, "Moonlight"));
        assertEquals(new AllTimeTally("academy-awards", TallyUpdated.Subject.WORK, "La La Land", 6, 7, 1),
                allTimeOf("academy-awards", TallyUpdated.Subject.WORK, "La La Land"));
    }

    /**
     * The giant ceremony that used to kill the Streams thread (one state value per ceremony passed Kafka's 1 MB at
     * ~6,860 winners), scaled to 2,000 winners of 100 categories to keep the suite quick (later winners of a category
     * are ties; the old layout wrote ~300 KB per event at this size). Every record written while the wins go through,
     * to every topic including the stores' changelogs, stays under a bound that does not depend on the number of
     * winners, and the sequence has no gap. HistoryBench runs the full 10,000.
     */
    @Test
    void aCeremonyOfThousandsOfWinnersNeverWritesAValueThatGrowsWithItsWinners() {
        String giant = "giant-awards-1";
        int categories = 100;
        int nominees = 20;
        CeremonyDefinition definition = new CeremonyDefinition(giant, "giant-awards", "1st Giant Awards", 1,
                java.time.LocalDate.of(2020, 1, 5), "TV1", java.util.stream.IntStream.range(0, categories)
                .mapToObj(c -> new Category("C" + c, java.util.stream.IntStream.range(0, nominees)
                        .mapToObj(n -> new Nominee("N" + c + "-" + n, "W" + (c * nominees + n) % 50, List.of(),
                                "S" + n % 5)).toList())).toList());
        post(giant, (definition), now);
        List<CeremonyUpdate> defined = updates();
        long lastSeq = defined.get(defined.size() - 1).seq();
        readEverythingProduced(new java.util.ArrayList<>());
        // This test is about the live app's records: its thousands of wins are not passed on to the derived app
        // (which would double the test's time).
        passUpdatesToDerived = false;

        int bound = 16 * 1024;
        int largest = 0;
        long declared = 0;
        for (int i = 0; i < categories * nominees; i++) {
            int c = i / nominees;
            int n = i % nominees;
            winIn(giant, "w" + i, "C" + c, "N" + c + "-" + n, n > 0);
            if (i % 200 == 199) {
                List<CeremonyUpdate> read = new java.util.ArrayList<>();
                largest = Math.max(largest, readEverythingProduced(read));
                assertSequenceFrom(lastSeq + 1, read);
                lastSeq = read.get(read.size() - 1).seq();
                declared += read.stream().filter(u -> u.changes().get(0) instanceof WinnerDeclared).count();
            }
        }
        assertEquals(categories * nominees, declared, "every win is accepted");
        assertTrue(largest < bound, "largest record written while the wins went through: " + largest + " bytes");

        // The stored state still judges the next events: a repeat winner is refused, a correction replaces one.
        winIn(giant, "one-more", "C0", "N0-0", true);
        assertEquals(WinVerdict.Status.REJECTED, lastVerdict().status(), "N0-0 has already won C0");
        correctIn(giant, "fix", "C7", "N7-3", "N7-3");
        assertEquals(WinVerdict.Status.REJECTED, lastVerdict().status(), "N7-3 is already a winner of C7");
        retractIn(giant, "take-back", "C99", "N99-19");
        List<CeremonyUpdate> taken = updates();
        assertSequenceFrom(lastSeq + 1, taken);
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) taken.get(0).changes().get(0);
        assertEquals("N99-19", withdrawn.nominee());
        assertEquals(categories, withdrawn.decided(), "C99 keeps its other 19 winners");
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "W49", 39, 40),
                lastTally(taken, TallyUpdated.Subject.WORK, "W49"));
    }

    WinVerdict lastVerdict() {
        List<WinVerdict> read = verdicts();
        return read.get(read.size() - 1);
    }

    void retractIn(String ceremony, String eventId, String category, String nominee) {
        now = now.plusSeconds(60);
        send(ceremony, Json.bytes(new WinRetracted(eventId, ceremony, category, nominee, "wrong envelope",
                now.toEpochMilli(), "ed")), now);
    }

    /**
     * Everything produced since the last call, on every topic, stores' changelogs included (read and freed by
     * {@link #drain} after each command): returns the largest key + value in bytes and moves the ceremony updates not
     * read yet to {@code updates}.
     */
    int readEverythingProduced(List<CeremonyUpdate> updates) {
        drain();
        updates.addAll(pending);
        pending.clear();
        int largest = largestWritten;
        largestWritten = 0;
        return largest;
    }

    // ---- One update per command, a lean live transaction ------------------------------------------------------

    /** Where each change type may appear in an update: the contract's order. */
    static int place(Change change) {
        List<Class<?>> order = List.of(TallyUpdated.class, LeaderboardChanged.class, AlertWithdrawn.class,
                RecordAlert.class, RecordUpdated.class);
        return order.indexOf(change.getClass()) + 1; // definition and winners: 0
    }

    static void assertContractOrder(CeremonyUpdate update) {
        List<Integer> places = update.changes().stream().map(TickerTopologyTest::place).toList();
        assertEquals(places.stream().sorted().toList(), places, "changes in the contract's order: " + update.changes());
    }

    static final String GLOBES = "golden-globes-74";

    /** Reference records of the Golden Globes as they stood before the 74th, from ingest's shipped records csv. */
    void seedGlobesRecords() {
        List<Map<String, String>> rows = ShippedCeremony.csv(
                Path.of("..", "ingest", "src", "main", "resources", "records", "golden-globes-records.csv"));
        List<RecordHolder> mostWinsHolders = new ArrayList<>();
        int mostWins = 0;
        for (Map<String, String> row : rows) {
            if (row.get("record").equals("most_wins_single_film_before_2017")) {
                mostWins = Integer.parseInt(row.get("value"));
                mostWinsHolders.add(new RecordHolder(row.get("holder"), Integer.parseInt(row.get("ceremony_year")), null));
            } else if (row.get("record").equals("youngest_best_director_winner_before_2017")) {
                seed(new RecordReference("golden-globes", RecordReference.youngestWinner("Best Director"),
                        Integer.parseInt(row.get("value")), List.of(new RecordHolder(row.get("holder"),
                        Integer.parseInt(row.get("ceremony_year")), null)), "golden-globes-records.csv"));
            }
        }
        seed(new RecordReference("golden-globes", RecordReference.MOST_WINS, mostWins, mostWinsHolders,
                "golden-globes-records.csv"));
    }

    /**
     * The 74th Golden Globes as shipped with ingest, every win in announcement order: La La Land's 7th win (of 7
     * nominations) breaks the record of 6 and is a perfect night, all in the one update of that win; Chazelle (31)
     * is the youngest Best Director; the live transaction of a win writes the update (its verdict) and one changelog.
     */
    @Test
    void gg74EachWinIsOneUpdateAndLaLaLandsSeventhCarriesItsRecords() {
        ShippedCeremony globes = ShippedCeremony.load(GLOBES);
        seedGlobesRecords();
        post(GLOBES, globes.definition(), now);
        updates();
        verdicts();
        writtenByLiveApp();
        int total = globes.definition().categories().size();
        int laLaLand = 0;
        int i = 0;
        for (ShippedCeremony.Win win : globes.announced()) {
            winIn(GLOBES, "gg" + ++i, win.category(), win.nominee(), false);
            Map<String, Integer> written = writtenByLiveApp();
            assertEquals(Map.of(Topics.CEREMONY_UPDATES, 1,
                    APP + "-" + CeremonyStore.STORE + "-changelog", written.getOrDefault(
                            APP + "-" + CeremonyStore.STORE + "-changelog", -1)), written,
                    "a win writes one update (its verdict: no win-verdicts record) and one changelog: nothing derived");
            List<CeremonyUpdate> out = updates();
            assertEquals(1, out.size());
            CeremonyUpdate update = out.get(0);
            assertContractOrder(update);
            WinnerDeclared declared = (WinnerDeclared) update.changes().get(0);
            assertEquals(i, declared.decided());
            assertEquals(total, declared.total());
            if ("La La Land".equals(declared.work())) {
                laLaLand++;
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", laLaLand, 7),
                        lastTally(out, TallyUpdated.Subject.WORK, "La La Land"));
                assertEquals(1, changes(out, LeaderboardChanged.class).size(), "every La La Land win moves the standing");
            }
            if (laLaLand == 7 && "La La Land".equals(declared.work())) {
                assertEquals(List.of(RecordAlert.Kind.RECORD_BROKEN, RecordAlert.Kind.PERFECT_NIGHT),
                        alerts(out).stream().map(RecordAlert::kind).toList());
                assertEquals(6, alerts(out).get(0).previousValue());
                RecordUpdated record = changes(out, RecordUpdated.class).stream()
                        .filter(r -> r.reference().record().equals(RecordReference.MOST_WINS)).findFirst().orElseThrow();
                assertEquals(7, record.reference().value());
                assertEquals(List.of("La La Land"), record.reference().holders().stream().map(RecordHolder::name).toList());
            }
            if (declared.nominee().equals("Damien Chazelle")) {
                RecordAlert youngest = alerts(out).stream()
                        .filter(a -> a.kind() == RecordAlert.Kind.YOUNGEST_WINNER).findFirst().orElseThrow();
                assertEquals(31, youngest.value());
            }
        }
        assertEquals(7, laLaLand);
        List<WinVerdict> all = verdicts();
        assertTrue(all.stream().allMatch(v -> v.status() == WinVerdict.Status.ACCEPTED), all.toString());
        List<Leaderboard> boards = leaderboards();
        Leaderboard last = boards.get(boards.size() - 1);
        assertEquals(total, last.decided());
        assertEquals(entry(1, "La La Land", 7, 7), last.works().get(0));
        RecordReference mostWins = Json.read(recordsWritten().get(RecordReference.key("golden-globes",
                RecordReference.MOST_WINS)), RecordReference.class);
        assertEquals(7, mostWins.value());
    }

    @Test
    void anIdenticalRepostedDefinitionIsADuplicateAndWritesNothingButItsVerdict() {
        define();
        updates();
        leaderboards();
        allVerdicts();
        writtenByLiveApp();
        post(C, DEFINITION, now.plusSeconds(5));
        Map<String, Integer> written = writtenByLiveApp();
        assertEquals(Map.of(Topics.WIN_VERDICTS, 1), written, "no update, no state change");
        assertEquals(List.of(new WinVerdict(C, "def-2", WinVerdict.Status.DUPLICATE,
                "identical to the definition already held; nothing changed", 0)), allVerdicts());
        assertTrue(updates().isEmpty());
        assertTrue(leaderboards().isEmpty());
    }

    @Test
    void aDefinitionThatDoesNotFitItsCeremonyIsRejectedWithAVerdict() {
        post(C, TestCeremony.definition("other-ceremony", "test-awards"), now);
        post(C, new CeremonyDefinition(C, "test-awards", "Empty", 1, null, null, List.of()), now);
        List<WinVerdict> v = allVerdicts();
        assertEquals(List.of(WinVerdict.Status.REJECTED, WinVerdict.Status.REJECTED),
                v.stream().map(WinVerdict::status).toList());
        assertEquals("definition id 'other-ceremony' does not match ceremony 'test-awards-1'", v.get(0).reason());
        assertTrue(updates().isEmpty());
    }

    @Test
    void poisonWritesOnlyADeadLetter() {
        define();
        updates();
        verdicts();
        writtenByLiveApp();
        send(C, "{not json".getBytes(StandardCharsets.UTF_8), now);
        assertEquals(Map.of(Topics.DEAD_LETTERS, 1), writtenByLiveApp());
    }

    /** The 89th Academy Awards as shipped with ingest: the Best Picture envelope, corrected on stage. */
    @Test
    void oscars89ShippedBestPictureCorrectionWithdrawsLaLaLandAt23Of24ThenDeclaresMoonlightAt24() {
        ShippedCeremony oscars = ShippedCeremony.load("academy-awards-89");
        String id = oscars.definition().id();
        post(id, oscars.definition(), now);
        int i = 0;
        for (ShippedCeremony.Win win : oscars.announced()) {
            winIn(id, "a" + ++i, win.category(), win.nominee(), false);
        }
        updates();
        String category = oscars.corrections().keySet().iterator().next();
        String announced = oscars.announced().stream().filter(w -> w.category().equals(category)).findFirst()
                .orElseThrow().nominee();
        correctIn(id, "a-fix", category, announced, oscars.corrections().get(category));
        List<CeremonyUpdate> fixed = updates();
        assertEquals(1, fixed.size(), "the correction is one update");
        assertContractOrder(fixed.get(0));
        int total = oscars.definition().categories().size();
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) fixed.get(0).changes().get(0);
        assertEquals("La La Land", withdrawn.nominee());
        assertEquals(total - 1, withdrawn.decided());
        assertEquals(total, withdrawn.total());
        WinnerDeclared declared = (WinnerDeclared) fixed.get(0).changes().get(1);
        assertEquals("Moonlight", declared.nominee());
        assertEquals(total, declared.decided());
        assertEquals(24, total, "the 89th had 24 categories");
        long moonlightWins = oscars.winners().values().stream().flatMap(List::stream)
                .filter(n -> oscars.definition().categories().stream().flatMap(c -> c.nominees().stream())
                        .anyMatch(x -> x.name().equals(n) && "Moonlight".equals(x.work()))).count();
        assertEquals((int) moonlightWins, lastTally(fixed, TallyUpdated.Subject.WORK, "Moonlight").wins());
    }

    @Test
    void epochIsTheFirstDefinitionsTimestampAndAFixKeepsIt() {
        Instant first = now;
        define();
        post(C, fixedDefinition(), now.plusSeconds(30));
        win("e1", "Best Picture", "Alpha");
        List<CeremonyUpdate> out = updates();
        assertEquals(List.of(first.toEpochMilli()), out.stream().map(CeremonyUpdate::epoch).distinct().toList());
        assertSequenceFrom(1, out);
        assertEquals(List.of(first.toEpochMilli()), leaderboards().stream().map(Leaderboard::epoch).distinct().toList());
    }

    static void assertSequenceFrom(long first, List<CeremonyUpdate> updates) {
        assertEquals(LongStream.range(first, first + updates.size()).boxed().toList(),
                updates.stream().map(CeremonyUpdate::seq).toList());
    }
}
