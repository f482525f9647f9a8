package dev.awardsticker.streams;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Streams app on a real broker, exactly-once, stopped and restarted in the middle of a ceremony. */
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
             TopicProbe verdicts = TopicProbe.fromBeginning(broker, Topics.WIN_VERDICTS)) {
            send(producer, Topics.AWARD_RECORDS, TestCeremony.mostWins(award).key(), Json.bytes(TestCeremony.mostWins(award)));
            send(producer, Topics.AWARD_RECORDS, TestCeremony.youngestDirector(award).key(),
                    Json.bytes(TestCeremony.youngestDirector(award)));
            send(producer, Topics.CEREMONY_DEFINITIONS, ceremony, Json.bytes(TestCeremony.definition(ceremony, award)));

            try (TickerStreams first = TickerStreams.start(config)) {
                first.awaitRunning(WAIT);
                send(producer, Topics.CEREMONY_WINS, ceremony, win(ceremony, "e1", "Best Picture", "Alpha"));
                send(producer, Topics.CEREMONY_WINS, ceremony, win(ceremony, "e2", "Best Director", "Alice"));
                verdicts.await(r -> r.key().equals(ceremony), 2, WAIT);
            }
            try (TickerStreams second = TickerStreams.start(config)) {
                second.awaitRunning(WAIT);
                // The editor's client retries e2 after the restart: it must not count twice.
                send(producer, Topics.CEREMONY_WINS, ceremony, win(ceremony, "e2", "Best Director", "Alice"));
                send(producer, Topics.CEREMONY_WINS, ceremony, win(ceremony, "e3", "Best Song", "Alpha Song"));
                send(producer, Topics.CEREMONY_WINS, ceremony, win(ceremony, "e4", "Best Actor", "Eve"));
                List<WinVerdict> all = verdicts.await(r -> r.key().equals(ceremony), 5, WAIT).stream()
                        .map(r -> Json.read(r.value(), WinVerdict.class)).toList();
                assertEquals(List.of(WinVerdict.Status.ACCEPTED, WinVerdict.Status.ACCEPTED, WinVerdict.Status.DUPLICATE,
                        WinVerdict.Status.ACCEPTED, WinVerdict.Status.ACCEPTED), all.stream().map(WinVerdict::status).toList());
                long lastSeq = all.get(4).firstSeq();
                List<CeremonyUpdate> out = updates.await(r -> r.key().equals(ceremony), (int) lastSeq, WAIT).stream()
                        .map(TickerStreamsIT::update).toList();
                out = updates.drain(r -> r.key().equals(ceremony), Duration.ofMillis(500)).stream()
                        .map(TickerStreamsIT::update).toList();

                assertEquals(LongStream.rangeClosed(1, out.size()).boxed().toList(),
                        out.stream().map(CeremonyUpdate::seq).toList(), "gap-free, no duplicates");
                Map<String, TallyUpdated> works = new LinkedHashMap<>();
                out.stream().map(CeremonyUpdate::change).filter(TallyUpdated.class::isInstance).map(TallyUpdated.class::cast)
                        .filter(t -> t.subject() == TallyUpdated.Subject.WORK).forEach(t -> works.put(t.name(), t));
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Alpha", 3, 3), works.get("Alpha"));
                assertEquals(new TallyUpdated(TallyUpdated.Subject.WORK, "Beta", 1, 4), works.get("Beta"));
                List<RecordAlert> alerts = out.stream().map(CeremonyUpdate::change).filter(RecordAlert.class::isInstance)
                        .map(RecordAlert.class::cast).toList();
                assertEquals(List.of(RecordAlert.Kind.RECORD_TIED, RecordAlert.Kind.YOUNGEST_WINNER,
                        RecordAlert.Kind.RECORD_BROKEN, RecordAlert.Kind.PERFECT_NIGHT),
                        alerts.stream().map(RecordAlert::kind).toList());
                assertEquals(alerts.size(), new HashSet<>(alerts.stream().map(RecordAlert::alertId).toList()).size());
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
