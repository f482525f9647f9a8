package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Streams app on a real broker, exactly-once, stopped and restarted in the middle of a ceremony: updates,
 * leaderboard, records and all-time totals (from the derived app) end exact.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TickerStreamsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void tallyAndAlertsAreExactAfterARestartMidCeremonyAndARetriedEvent(KafkaBroker broker, @TempDir Path state)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ceremony = "it-ceremony-" + suffix;
        String award = "it-award-" + suffix;
        StreamsAppConfig config = new StreamsAppConfig(broker.bootstrapServers(), "it-streams-" + suffix, state,
                StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, 1);

        try (KafkaProducer<String, byte[]> producer = producer(broker);
             TopicProbe updates = TopicProbe.fromBeginning(broker, Topics.CEREMONY_UPDATES);
             TopicProbe verdicts = TopicProbe.fromBeginning(broker, Topics.WIN_VERDICTS);
             TopicProbe leaderboards = TopicProbe.fromBeginning(broker, Topics.LEADERBOARD);
             TopicProbe allTime = TopicProbe.fromBeginning(broker, Topics.ALL_TIME_TALLIES);
             TopicProbe records = TopicProbe.fromBeginning(broker, Topics.AWARD_RECORDS)) {
            send(producer, Topics.AWARD_RECORDS, TestCeremony.mostWins(award).key(), Json.bytes(TestCeremony.mostWins(award)));
            send(producer, Topics.AWARD_RECORDS, TestCeremony.youngestDirector(award).key(),
                    Json.bytes(TestCeremony.youngestDirector(award)));
            send(producer, Topics.CEREMONY_COMMANDS, ceremony, Json.bytes(new DefinitionPosted("d1", ceremony,
                    TestCeremony.definition(ceremony, award), System.currentTimeMillis(), "it")));

            try (TickerStreams first = TickerStreams.start(config)) {
                first.awaitRunning(WAIT);
                send(producer, Topics.CEREMONY_COMMANDS, ceremony, win(ceremony, "e1", "Best Picture", "Alpha"));
                send(producer, Topics.CEREMONY_COMMANDS, ceremony, win(ceremony, "e2", "Best Director", "Alice"));
                CeremonyVerdicts.await(updates, verdicts, ceremony, 3, WAIT);
            }
            try (TickerStreams second = TickerStreams.start(config)) {
                second.awaitRunning(WAIT);
                // The editor's client retries e2 after the restart: it must not count twice.
                send(producer, Topics.CEREMONY_COMMANDS, ceremony, win(ceremony, "e2", "Best Director", "Alice"));
                send(producer, Topics.CEREMONY_COMMANDS, ceremony, win(ceremony, "e3", "Best Song", "Alpha Song"));
                send(producer, Topics.CEREMONY_COMMANDS, ceremony, win(ceremony, "e4", "Best Actor", "Eve"));
                // An accepted command's verdict is its update, the retry's is on win-verdicts: the order across the
                // two topics is unknown, so each event id's verdicts are compared (accepted first).
                List<WinVerdict> all = CeremonyVerdicts.await(updates, verdicts, ceremony, 6, WAIT);
                Map<String, List<String>> byEvent = new TreeMap<>();
                all.stream().sorted(Comparator.comparing(WinVerdict::status)).forEach(v -> byEvent
                        .computeIfAbsent(v.eventId(), id -> new ArrayList<>()).add(v.status() + " " + v.firstSeq()));
                // One update per accepted command: the definition is 1, the wins 2 to 5; the retry keeps its 3.
                assertEquals(Map.of("d1", List.of("ACCEPTED 1"), "e1", List.of("ACCEPTED 2"),
                        "e2", List.of("ACCEPTED 3", "DUPLICATE 3"), "e3", List.of("ACCEPTED 4"),
                        "e4", List.of("ACCEPTED 5")), byEvent, all.toString());
                long lastSeq = all.stream().mapToLong(WinVerdict::firstSeq).max().orElseThrow();
                List<CeremonyUpdate> out = updates.await(r -> r.key().equals(ceremony), (int) lastSeq, WAIT).stream()
                        .map(TickerStreamsIT::update).toList();
                out = updates.drain(r -> r.key().equals(ceremony), Duration.ofMillis(500)).stream()
                        .map(TickerStreamsIT::update).toList();

                assertEquals(LongStream.rangeClosed(1, out.size()).boxed().toList(),
                        out.stream().map(CeremonyUpdate::seq).toList(), "gap-free, no duplicates");
                Map<String, TallyUpdated> works = new LinkedHashMap<>();
                out.stream().flatMap(u -> u.changesOf(TallyUpdated.class).stream())
                        .filter(t -> t.subject() == TallyUpdated.Subject.WORK).forEach(t -> works.put(t.name(), t));
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 3, 3), works.get("Alpha"));
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), works.get("Beta"));
                List<RecordAlert> alerts = out.stream().flatMap(u -> u.changesOf(RecordAlert.class).stream())
                        .toList();
                assertEquals(List.of(RecordAlert.Kind.RECORD_TIED, RecordAlert.Kind.YOUNGEST_WINNER,
                        RecordAlert.Kind.RECORD_BROKEN, RecordAlert.Kind.PERFECT_NIGHT),
                        alerts.stream().map(RecordAlert::kind).toList());
                assertEquals(alerts.size(), new HashSet<>(alerts.stream().map(RecordAlert::alertId).toList()).size());

                // The standing: one per accepted definition or win (not for the retried e2), the last one final.
                leaderboards.await(r -> r.key().equals(ceremony)
                        && Json.read(r.value(), Leaderboard.class).decided() == 4, 1, WAIT);
                List<Leaderboard> boards = leaderboards.drain(r -> r.key().equals(ceremony), Duration.ofMillis(500))
                        .stream().map(r -> Json.read(r.value(), Leaderboard.class)).toList();
                assertEquals(5, boards.size(), "definition and 4 wins, each once");
                assertEquals(new Leaderboard(ceremony, out.get(0).epoch(), out.get(out.size() - 1).seq(), 4, 4, List.of(),
                        List.of(new Leaderboard.Entry(1, "Alpha", 3, 3), new Leaderboard.Entry(2, "Beta", 1, 4),
                                new Leaderboard.Entry(3, "Gamma", 0, 1))), boards.get(boards.size() - 1));

                // All-time totals of this award (one ceremony so far): exact, however the restart fell.
                allTime.await(r -> r.key().equals(AllTimeTally.key(award, TallyUpdated.Subject.WORK, "Alpha"))
                        && Json.read(r.value(), AllTimeTally.class).wins() == 3, 1, WAIT);
                Map<String, AllTimeTally> totals = new LinkedHashMap<>();
                allTime.drain(r -> r.key().startsWith(award + "|"), Duration.ofMillis(500))
                        .forEach(r -> totals.put(r.key(), Json.read(r.value(), AllTimeTally.class)));
                assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Alpha", 3, 3, 1),
                        totals.get(AllTimeTally.key(award, TallyUpdated.Subject.WORK, "Alpha")));
                assertEquals(new AllTimeTally(award, TallyUpdated.Subject.WORK, "Beta", 1, 4, 1),
                        totals.get(AllTimeTally.key(award, TallyUpdated.Subject.WORK, "Beta")));
                assertEquals(new AllTimeTally(award, TallyUpdated.Subject.PERSON, "Alice", 1, 1, 1),
                        totals.get(AllTimeTally.key(award, TallyUpdated.Subject.PERSON, "Alice")));

                // The derived app copied the record Alpha set (3 wins) to award-records.
                records.await(r -> r.key().equals(TestCeremony.mostWins(award).key())
                        && Json.read(r.value(), RecordReference.class).value() == 3, 1, WAIT);

                // Both apps of the process (live and derived) are ready, and their metrics share one registry.
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://localhost:" + second.port();
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("kafka_stream_"), "Kafka Streams' own metrics are exposed");
                assertTrue(metrics.body().contains("-derived"), "the derived app's metrics too");
            }
        }
    }

    private static CeremonyUpdate update(ConsumerRecord<String, byte[]> record) {
        return Json.read(record.value(), CeremonyUpdate.class);
    }

    private static byte[] win(String ceremony, String eventId, String category, String nominee) {
        return Json.bytes(new WinAnnounced(eventId, ceremony, category, nominee, false, System.currentTimeMillis(), "it"));
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }
}
