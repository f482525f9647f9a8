package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Streams app as a real process, killed with SIGKILL in the middle of a ceremony and replaced by a new
 * process with empty local state: exactly-once must leave exact tallies (per ceremony and all-time), gap-free
 * sequence numbers and no alert twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StreamsCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] WORKS = {"Film A", "Film B", "Film C", "Film D"};
    private static final int CATEGORIES = 40;

    @Test
    void killNineMidCeremonyThenRestartEndsExact(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ceremony = "crash-" + suffix;
        String award = "crash-award-" + suffix;
        String appId = "crash-streams-" + suffix;
        // Film A wins every category: it ties the reference record (3), breaks it, and has a perfect night.
        List<Category> categories = IntStream.range(0, CATEGORIES).mapToObj(i -> new Category("Category " + i,
                List.of(new Nominee(WORKS[0] + " " + i, WORKS[0], List.of(), null),
                        new Nominee(WORKS[1 + i % 3] + " " + i, WORKS[1 + i % 3], List.of(), null)))).toList();
        CeremonyDefinition definition = new CeremonyDefinition(ceremony, award, "1st Crash Awards", 1,
                LocalDate.of(2021, 1, 1), "TV", categories);
        RecordReference mostWins = new RecordReference(award, RecordReference.MOST_WINS, 3,
                List.of(new RecordHolder("Old Film", 1999, null)), "test");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
             TopicProbe verdicts = TopicProbe.fromBeginning(broker, Topics.WIN_VERDICTS);
             TopicProbe updates = TopicProbe.fromBeginning(broker, Topics.CEREMONY_UPDATES);
             TopicProbe allTime = TopicProbe.fromBeginning(broker, Topics.ALL_TIME_TALLIES);
             TopicProbe leaderboards = TopicProbe.fromBeginning(broker, Topics.LEADERBOARD)) {
            producer.send(new ProducerRecord<>(Topics.AWARD_RECORDS, mostWins.key(), Json.bytes(mostWins))).get();
            producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, ceremony, Json.bytes(new DefinitionPosted("def",
                    ceremony, definition, System.currentTimeMillis(), "crash-test")))).get();

            Process first = startStreams(broker, appId, dir.resolve("state-1"), dir.resolve("first.log"));
            Thread trickle;
            try {
                sendWins(producer, ceremony, 0, 1, Duration.ZERO);
                CeremonyVerdicts.await(updates, verdicts, ceremony, 2, WAIT);
                // Editors keep announcing, one win every 25 ms, through the crash and the restart.
                trickle = new Thread(() -> sendWins(producer, ceremony, 1, CATEGORIES, Duration.ofMillis(25)));
                trickle.start();
                CeremonyVerdicts.await(updates, verdicts, ceremony, 1 + CATEGORIES / 4, WAIT);
            } finally {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            int committedAtKill = CeremonyVerdicts.seen(updates, verdicts, ceremony).size();
            Process second = startStreams(broker, appId, dir.resolve("state-2"), dir.resolve("second.log"));
            try {
                trickle.join();
                // And some retry what they already sent.
                sendWins(producer, ceremony, 0, 5, Duration.ZERO);
                // Accepted commands are answered by their updates, the rest on win-verdicts: counted over both.
                List<WinVerdict> all = CeremonyVerdicts.await(updates, verdicts, ceremony, 1 + CATEGORIES + 5, WAIT);
                Map<WinVerdict.Status, Long> byStatus = new HashMap<>();
                all.forEach(v -> byStatus.merge(v.status(), 1L, Long::sum));
                assertEquals(Map.of(WinVerdict.Status.ACCEPTED, 1L + CATEGORIES, WinVerdict.Status.DUPLICATE, 5L),
                        byStatus, "every win applied once, every retry recognised");
                assertTrue(committedAtKill < 1 + CATEGORIES, "the kill came mid-ceremony (" + committedAtKill + " done)");

                long lastSeq = all.stream().mapToLong(WinVerdict::firstSeq).max().orElseThrow();
                List<CeremonyUpdate> out = updates.await(r -> r.key().equals(ceremony), (int) lastSeq, WAIT).stream()
                        .map(r -> Json.read(r.value(), CeremonyUpdate.class)).toList();
                List<Long> seqs = out.stream().map(CeremonyUpdate::seq).toList();
                assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs, "gap-free, nothing twice");
                assertEquals(1 + CATEGORIES, seqs.size(), "one update per command");

                Map<String, TallyUpdated> works = new HashMap<>();
                out.stream().flatMap(u -> u.changesOf(TallyUpdated.class).stream())
                        .filter(t -> t.subject() == TallyUpdated.Subject.WORK).forEach(t -> works.put(t.name(), t));
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, WORKS[0], CATEGORIES, CATEGORIES), works.get(WORKS[0]));
                List<String> alertIds = out.stream().flatMap(u -> u.changesOf(RecordAlert.class).stream())
                        .map(RecordAlert::alertId).toList();
                assertEquals(List.of(ceremony + ":most-wins-tied:Film A", ceremony + ":most-wins-broken:Film A",
                        ceremony + ":perfect-night:Film A"), alertIds);
                assertEquals(alertIds.size(), new HashSet<>(alertIds).size());

                // The all-time totals went through the derived app (killed with the live one): still exact.
                String filmA = AllTimeTally.key(award, TallyUpdated.Subject.WORK, WORKS[0]);
                List<AllTimeTally> totals = allTime.await(r -> r.key().equals(filmA)
                        && Json.read(r.value(), AllTimeTally.class).wins() == CATEGORIES, 1, WAIT).stream()
                        .map(r -> Json.read(r.value(), AllTimeTally.class)).toList();
                assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, WORKS[0], CATEGORIES, CATEGORIES, 1),
                        totals.get(totals.size() - 1));
                assertTrue(totals.stream().allMatch(t -> t.wins() <= CATEGORIES && t.nominations() == CATEGORIES),
                        "never counted twice on the way: " + totals);

                // The standing the derived app merged from every update's delta, across the crash.
                List<Leaderboard> boards = leaderboards.await(r -> r.key().equals(ceremony)
                        && Json.read(r.value(), Leaderboard.class).seq() == lastSeq, 1, WAIT).stream()
                        .map(r -> Json.read(r.value(), Leaderboard.class)).toList();
                Leaderboard last = boards.get(boards.size() - 1);
                assertEquals(CATEGORIES, last.decided());
                assertEquals(new Leaderboard.Entry(1, WORKS[0], CATEGORIES, CATEGORIES), last.works().get(0));
                assertEquals(List.of(2, 2, 2), last.works().subList(1, 4).stream().map(Leaderboard.Entry::rank).toList());
                List<Long> boardSeqs = boards.stream().map(Leaderboard::seq).toList();
                assertEquals(boardSeqs.stream().distinct().sorted().toList(), boardSeqs, "each standing once, in order");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends wins {@code from..to-1} (each acknowledged before the next), {@code gap} apart. */
    private static void sendWins(KafkaProducer<String, byte[]> producer, String ceremony, int from, int to,
                                 Duration gap) {
        for (int i = from; i < to; i++) {
            WinAnnounced win = new WinAnnounced("win-" + i, ceremony, "Category " + i, WORKS[0] + " " + i, false,
                    System.currentTimeMillis(), "crash-test");
            try {
                producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, ceremony, Json.bytes(win))).get(10, TimeUnit.SECONDS);
                TimeUnit.MILLISECONDS.sleep(gap.toMillis()); // The editors' pace, not synchronisation.
            } catch (Exception e) {
                throw new IllegalStateException("Could not send win " + i, e);
            }
        }
    }

    /** The streams module's own Main in a child JVM, so that the kill is a real SIGKILL. */
    private static Process startStreams(KafkaBroker broker, String appId, Path stateDir, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        builder.environment().put("STREAMS_APPLICATION_ID", appId);
        builder.environment().put("STREAMS_STATE_DIR", stateDir.toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
