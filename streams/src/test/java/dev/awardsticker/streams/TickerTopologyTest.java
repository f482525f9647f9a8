package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
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
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickerTopologyTest {
    static final String C = "test-awards-1";

    static final CeremonyDefinition DEFINITION = TestCeremony.definition(C, "test-awards");

    static final RecordReference MOST_WINS = TestCeremony.mostWins("test-awards");
    static final RecordReference YOUNGEST_DIRECTOR = TestCeremony.youngestDirector("test-awards");

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> definitions;
    TestInputTopic<String, byte[]> wins;
    TestInputTopic<String, byte[]> records;
    TestOutputTopic<String, byte[]> updates;
    TestOutputTopic<String, byte[]> verdicts;
    TestOutputTopic<String, byte[]> deadLetters;
    TestOutputTopic<String, byte[]> recordsOut;
    TestOutputTopic<String, byte[]> tallies;
    Instant now = Instant.parse("2020-01-05T20:00:00Z");

    @BeforeEach
    void start() {
        Properties props = new StreamsAppConfig("dummy:9092", "topology-test", Path.of("target/ttd-state"), 10, 1, 1)
                .toProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-state-" + System.nanoTime());
        driver = new TopologyTestDriver(TickerTopology.build(), props);
        StringSerializer k = new StringSerializer();
        ByteArraySerializer v = new ByteArraySerializer();
        StringDeserializer kd = new StringDeserializer();
        ByteArrayDeserializer vd = new ByteArrayDeserializer();
        definitions = driver.createInputTopic(Topics.CEREMONY_DEFINITIONS, k, v);
        wins = driver.createInputTopic(Topics.CEREMONY_WINS, k, v);
        records = driver.createInputTopic(Topics.AWARD_RECORDS, k, v);
        updates = driver.createOutputTopic(Topics.CEREMONY_UPDATES, kd, vd);
        verdicts = driver.createOutputTopic(Topics.WIN_VERDICTS, kd, vd);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, kd, vd);
        recordsOut = driver.createOutputTopic(Topics.AWARD_RECORDS, kd, vd);
        tallies = driver.createOutputTopic(Topics.TALLIES, kd, vd);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void define() {
        definitions.pipeInput(C, Json.bytes(DEFINITION), now);
    }

    void seedRecords() {
        records.pipeInput(MOST_WINS.key(), Json.bytes(MOST_WINS), now);
        records.pipeInput(YOUNGEST_DIRECTOR.key(), Json.bytes(YOUNGEST_DIRECTOR), now);
    }

    void win(String eventId, String category, String nominee) {
        win(eventId, category, nominee, false);
    }

    void win(String eventId, String category, String nominee, boolean tie) {
        now = now.plusSeconds(60);
        wins.pipeInput(C, Json.bytes(new WinAnnounced(eventId, C, category, nominee, tie, now.toEpochMilli(), "ed")), now);
    }

    List<CeremonyUpdate> updates() {
        return updates.readValuesToList().stream().map(b -> Json.read(b, CeremonyUpdate.class)).toList();
    }

    List<WinVerdict> verdicts() {
        return verdicts.readValuesToList().stream().map(b -> Json.read(b, WinVerdict.class)).toList();
    }

    static List<RecordAlert> alerts(List<CeremonyUpdate> updates) {
        return updates.stream().map(CeremonyUpdate::change).filter(RecordAlert.class::isInstance)
                .map(RecordAlert.class::cast).toList();
    }

    static TallyUpdated lastTally(List<CeremonyUpdate> updates, TallyUpdated.Subject subject, String name) {
        return updates.stream().map(CeremonyUpdate::change).filter(TallyUpdated.class::isInstance)
                .map(TallyUpdated.class::cast).filter(t -> t.subject() == subject && t.name().equals(name))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void definitionPublishesItselfAndEveryNominationTallyFromSequenceOne() {
        define();
        List<CeremonyUpdate> out = updates();
        assertTrue(out.get(0).change() instanceof CeremonyDefined);
        assertEquals(1, out.get(0).seq());
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
        WinnerDeclared declared = (WinnerDeclared) out.get(0).change();
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
        assertTrue(tallies.readKeyValuesToMap().containsKey(C + "|WORK|Alpha"));
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

        RecordReference latest = recordsOut.readKeyValuesToMap().entrySet().stream()
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
        WinnerDeclared tie = (WinnerDeclared) out.get(0).change();
        assertTrue(tie.tie());
        assertEquals(1, tie.decided(), "a tie decides no new category");
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
    }

    @Test
    void winsForUnknownCeremonyCategoryOrNomineeAreRejectedWithTheReason() {
        wins.pipeInput(C, Json.bytes(new WinAnnounced("e0", C, "Best Picture", "Alpha", false, 1, "ed")), now);
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
        wins.pipeInput(C, "{not json".getBytes(StandardCharsets.UTF_8), now);
        wins.pipeInput(C, "{\"type\":\"Bogus\",\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8), now);
        wins.pipeInput("another-ceremony", Json.bytes(new WinAnnounced("e9", C, "Best Picture", "Alpha", false, 1, "ed")), now);
        win("e1", "Best Picture", "Alpha");
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(3, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader(KafkaHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("not a valid EditorEvent"), reason);
        assertTrue(new String(dead.get(2).headers().lastHeader(KafkaHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8)
                .contains("does not match key"));
        assertFalse(updates().isEmpty(), "the next good record is still processed");
    }

    void correct(String eventId, String category, String wrong, String right) {
        now = now.plusSeconds(60);
        wins.pipeInput(C, Json.bytes(new WinCorrected(eventId, C, category, wrong, right, "wrong envelope",
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
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) out.get(0).change();
        assertEquals("Alpha Song", withdrawn.nominee());
        assertEquals("wrong envelope", withdrawn.reason());
        assertEquals("Beta Song", ((WinnerDeclared) out.get(1).change()).nominee());
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 2, 3), lastTally(out, TallyUpdated.Subject.WORK, "Alpha"));
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
        List<AlertWithdrawn> down = out.stream().map(CeremonyUpdate::change).filter(AlertWithdrawn.class::isInstance)
                .map(AlertWithdrawn.class::cast).toList();
        assertEquals(List.of(C + ":most-wins-broken:Alpha", C + ":perfect-night:Alpha"),
                down.stream().map(AlertWithdrawn::alertId).sorted().toList());
        assertTrue(down.get(0).reason().contains("Alpha Song winning Best Song, which was wrong envelope"), down.get(0).reason());
        assertTrue(alerts(out).isEmpty(), "the tie at 2 still stands: nothing new to raise");
        // The award's record is back to 2, now shared by Old Film and Alpha.
        RecordReference restored = Json.read(recordsOut.readKeyValuesToMap().get(MOST_WINS.key()), RecordReference.class);
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
        wins.pipeInput(C, Json.bytes(new WinRetracted("e2", C, "Best Picture", "Alpha", null, 1, "ed")), now);
        correct("e3", "Best Director", "Alice", "Bob");
        List<CeremonyUpdate> out = updates();
        WinnerWithdrawn withdrawn = (WinnerWithdrawn) out.get(0).change();
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
        definitions.pipeInput(C, Json.bytes(fixed), now.plusSeconds(1));
        List<CeremonyUpdate> out = updates();
        assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 0, 3), lastTally(out, TallyUpdated.Subject.WORK, "Beta"));
        List<AlertWithdrawn> down = out.stream().map(CeremonyUpdate::change).filter(AlertWithdrawn.class::isInstance)
                .map(AlertWithdrawn.class::cast).toList();
        assertEquals(List.of(C + ":most-nominations-tied:Beta"), down.stream().map(AlertWithdrawn::alertId).toList());
        assertTrue(down.get(0).reason().endsWith("the definition of test-awards-1 changed"), down.get(0).reason());
    }

    @Test
    void editorEventsRoundTripThroughTheContract() {
        for (EditorEvent event : List.of(new WinAnnounced("e1", C, "Best Picture", "Alpha", false, 5, "ed"),
                new WinRetracted("e2", C, "Best Picture", "Alpha", "typo", 6, "ed"),
                new WinCorrected("e3", C, "Best Picture", "Alpha", "Beta", null, 7, "ed"))) {
            assertEquals(event, Json.read(Json.bytes(event), EditorEvent.class));
        }
    }

    static void assertSequenceFrom(long first, List<CeremonyUpdate> updates) {
        assertEquals(LongStream.range(first, first + updates.size()).boxed().toList(),
                updates.stream().map(CeremonyUpdate::seq).toList());
    }
}
