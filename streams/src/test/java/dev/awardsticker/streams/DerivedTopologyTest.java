package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.CeremonyTally;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.contract.update.WinnerDeclared;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The derived topology alone: ceremony updates in; tallies, standings, by-subject, records and all-time out. */
class DerivedTopologyTest {
    static final String C = "derived-awards-1";
    static final String AWARD = "derived-awards";

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> updates;
    TestOutputTopic<String, byte[]> tallies;
    TestOutputTopic<String, byte[]> bySubject;
    TestOutputTopic<String, byte[]> leaderboards;
    TestOutputTopic<String, byte[]> records;
    TestOutputTopic<String, byte[]> allTime;

    @BeforeEach
    void start() {
        Properties props = new StreamsAppConfig("dummy:9092", "derived-test", Path.of("target/ttd"), 10, 1, 1)
                .derivedProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-derived-" + System.nanoTime());
        driver = new TopologyTestDriver(TickerTopology.derived(), props);
        updates = driver.createInputTopic(Topics.CEREMONY_UPDATES, new StringSerializer(), new ByteArraySerializer());
        StringDeserializer k = new StringDeserializer();
        ByteArrayDeserializer v = new ByteArrayDeserializer();
        tallies = driver.createOutputTopic(Topics.TALLIES, k, v);
        bySubject = driver.createOutputTopic(Topics.TALLIES_BY_SUBJECT, k, v);
        leaderboards = driver.createOutputTopic(Topics.LEADERBOARD, k, v);
        records = driver.createOutputTopic(Topics.AWARD_RECORDS, k, v);
        allTime = driver.createOutputTopic(Topics.ALL_TIME_TALLIES, k, v);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void send(long epoch, long seq, Change... changes) {
        updates.pipeInput(C, Json.bytes(new CeremonyUpdate(C, epoch, seq, "e" + seq, 1, List.of(changes))));
    }

    static Leaderboard.Entry entry(int rank, String work, int wins, int nominations) {
        return new Leaderboard.Entry(rank, work, wins, nominations);
    }

    /** What the live app writes for TestCeremony's definition (only the tallies these tests look at). */
    void defined(long epoch) {
        send(epoch, 1, new CeremonyDefined(TestCeremony.definition(C, AWARD)),
                new TallyUpdated(Subject.WORK, "Alpha", 0, 3), new TallyUpdated(Subject.PERSON, "Alice", 0, 1),
                new TallyUpdated(Subject.STUDIO, "Studio A", 0, 3),
                new LeaderboardChanged(0, 4, List.of("Best Picture", "Best Director", "Best Song", "Best Actor"),
                        List.of(entry(1, "Beta", 0, 4), entry(1, "Alpha", 0, 3), entry(1, "Gamma", 0, 1)), List.of()));
    }

    void aliceWins() {
        RecordReference record = new RecordReference(AWARD, RecordReference.youngestWinner("Best Director"), 29,
                List.of(new RecordHolder("Alice", 2020, C, 10_810)), "Set live at the 1st Test Awards");
        send(1000, 2, new WinnerDeclared("Best Director", "Alice", "Alpha", List.of("Alice"), "Studio A", false, "ed", 1, 4),
                new TallyUpdated(Subject.WORK, "Alpha", 1, 3), new TallyUpdated(Subject.PERSON, "Alice", 1, 1),
                new TallyUpdated(Subject.STUDIO, "Studio A", 1, 3),
                new LeaderboardChanged(1, 4, List.of("Best Picture", "Best Song", "Best Actor"),
                        List.of(entry(1, "Alpha", 1, 3), entry(2, "Beta", 0, 4), entry(2, "Gamma", 0, 1)), List.of()),
                new RecordUpdated(record));
    }

    @Test
    void updatesBecomeTalliesAStandingByAwardTalliesRecordsAndAllTimeTotals() {
        defined(1000);
        aliceWins();

        Map<String, CeremonyTally> latest = new java.util.LinkedHashMap<>();
        tallies.readKeyValuesToList().forEach(kv -> latest.put(kv.key, Json.read(kv.value, CeremonyTally.class)));
        assertEquals(new CeremonyTally(AWARD, C, Subject.WORK, "Alpha", 1, 3), latest.get(C + "|WORK|Alpha"));
        assertEquals(new CeremonyTally(AWARD, C, Subject.STUDIO, "Studio A", 1, 3), latest.get(C + "|STUDIO|Studio A"));

        List<KeyValue<String, byte[]>> byAward = bySubject.readKeyValuesToList();
        assertTrue(byAward.stream().noneMatch(kv -> kv.key.contains("|STUDIO|")), "works and people only");
        assertEquals(new CeremonyTally(AWARD, C, Subject.PERSON, "Alice", 1, 1),
                Json.read(byAward.get(byAward.size() - 1).value, CeremonyTally.class));

        List<Leaderboard> boards = leaderboards.readValuesToList().stream()
                .map(b -> Json.read(b, Leaderboard.class)).toList();
        assertEquals(2, boards.size());
        assertEquals(new Leaderboard(C, 1000, 2, 1, 4, List.of("Best Picture", "Best Song", "Best Actor"),
                List.of(entry(1, "Alpha", 1, 3), entry(2, "Beta", 0, 4), entry(2, "Gamma", 0, 1))), boards.get(1));

        List<KeyValue<String, byte[]>> written = records.readKeyValuesToList();
        assertEquals(List.of(RecordReference.key(AWARD, "youngest-winner:Best Director")),
                written.stream().map(kv -> kv.key).toList());

        Map<String, byte[]> totals = allTime.readKeyValuesToMap();
        assertEquals(new AllTimeTally(AWARD, Subject.WORK, "Alpha", 1, 3, 1),
                Json.read(totals.get(AllTimeTally.key(AWARD, Subject.WORK, "Alpha")), AllTimeTally.class));
    }

    @Test
    void anUpdateSeenBeforeWritesNothingAndANewEpochStartsTheStandingOver() {
        defined(1000);
        aliceWins();
        tallies.readRecordsToList();
        leaderboards.readRecordsToList();
        records.readRecordsToList();
        allTime.readRecordsToList();
        aliceWins();
        assertTrue(tallies.isEmpty() && leaderboards.isEmpty() && records.isEmpty() && allTime.isEmpty(),
                "a redelivered update changes nothing");

        // The ceremony's history was reset (topics recreated): seq 1 again, under another epoch.
        send(2000, 1, new CeremonyDefined(TestCeremony.definition(C, AWARD)),
                new LeaderboardChanged(0, 4, List.of("Best Picture", "Best Director", "Best Song", "Best Actor"),
                        List.of(entry(1, "Beta", 0, 4)), List.of()));
        List<Leaderboard> boards = leaderboards.readValuesToList().stream()
                .map(b -> Json.read(b, Leaderboard.class)).toList();
        assertEquals(List.of(new Leaderboard(C, 2000, 1, 0, 4,
                List.of("Best Picture", "Best Director", "Best Song", "Best Actor"), List.of(entry(1, "Beta", 0, 4)))),
                boards, "nothing of the old history is merged in");
    }
}
