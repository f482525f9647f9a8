package dev.awardsticker.bench;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A whole ceremony history through the Streams app (our settings, exactly_once_v2): BENCH_WINS wins (10,000) of one
 * ceremony written to ceremony-wins at once, timed from the first write until the last win's WinnerDeclared is
 * readable with read_committed. The ceremony has BENCH_WINS / 20 categories of 20 nominees each; every category's
 * later winners are ties, so every win is accepted (a single definition of 10,000 categories would be over Kafka's
 * 1 MB message limit).
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.HistoryBench}.
 */
public final class HistoryBench {
    private static final int NOMINEES = 20;

    private HistoryBench() {}

    record Result(int wins, int declared, long updates, double seconds) {}

    public static void main(String[] args) throws Exception {
        run(Integer.parseInt(System.getenv().getOrDefault("BENCH_WINS", "10000")), System.out);
        System.exit(0);
    }

    static Result run(int wins, PrintStream out) throws Exception {
        int categories = Math.max(1, (wins + NOMINEES - 1) / NOMINEES);
        String id = "history-" + wins;
        CeremonyDefinition definition = new CeremonyDefinition(id, "bench", "History Awards", 1, LocalDate.of(2020, 1, 1),
                "TV", IntStream.range(0, categories).mapToObj(c -> new Category("C" + c, IntStream.range(0, NOMINEES)
                        .mapToObj(n -> new Nominee("N" + c + "-" + n, "W" + (c * NOMINEES + n) % 50, List.of(), "S" + n % 5))
                        .toList())).toList());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            try (TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-history",
                    Files.createTempDirectory("bench-history"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, -1)
                    .withHttpPort(0));
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                         ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024 - 1024),
                         new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                         ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                         ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                         ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                         ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer())) {
                streams.awaitRunning(Duration.ofSeconds(60));
                List<TopicPartition> partitions = reader.partitionsFor(Topics.CEREMONY_UPDATES).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                producer.send(new ProducerRecord<>(Topics.CEREMONY_DEFINITIONS, id, Json.bytes(definition))).get();
                long defined = drainUntil(reader, id, null, 60_000)[1];
                out.printf("definition of %d categories x %d nominees published (%d updates)%n", categories, NOMINEES, defined);

                String lastEvent = "w" + (wins - 1);
                long start = System.nanoTime();
                startNanos = start;
                for (int i = 0; i < wins; i++) {
                    int c = i / NOMINEES;
                    int n = i % NOMINEES;
                    WinAnnounced win = new WinAnnounced("w" + i, id, "C" + c, "N" + c + "-" + n, n > 0,
                            System.currentTimeMillis(), "bench");
                    producer.send(new ProducerRecord<>(Topics.CEREMONY_WINS, id, Json.bytes(win)));
                }
                producer.flush();
                double sentSeconds = (System.nanoTime() - start) / 1e9;
                long[] counts = drainUntil(reader, id, lastEvent, 300_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("%nA history of %d wins through the Streams app (exactly_once_v2, our settings), embedded "
                        + "broker, %d cores, load average %s%n", wins, Runtime.getRuntime().availableProcessors(),
                        Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
                out.printf("written in %.2f s; last win's WinnerDeclared readable after %.2f s; %d WinnerDeclared, %d "
                        + "updates (%.0f wins/s)%n", sentSeconds, seconds, counts[0], counts[1], counts[0] / seconds);
                return new Result(wins, (int) counts[0], counts[1], seconds);
            }
        }
    }

    /** Reads until the WinnerDeclared of {@code lastEvent} (or, when null, until 2 s pass with nothing new). */
    private static long startNanos = System.nanoTime();

    private static long[] drainUntil(KafkaConsumer<String, byte[]> reader, String ceremony, String lastEvent,
                                     long timeoutMs) {
        long declared = 0;
        long updates = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            boolean any = false;
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(50))) {
                if (!ceremony.equals(record.key())) {
                    continue;
                }
                any = true;
                updates++;
                CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
                if (update.change() instanceof WinnerDeclared) {
                    declared++;
                    if (declared % 1000 == 0) {
                        System.out.printf("  %d wins declared after %.2f s%n", declared,
                                (System.nanoTime() - startNanos) / 1e9);
                    }
                    if (update.eventId().equals(lastEvent)) {
                        return new long[] {declared, updates};
                    }
                }
            }
            if (any) {
                quietSince = System.currentTimeMillis();
            } else if (lastEvent == null && updates > 0 && System.currentTimeMillis() - quietSince > 2000) {
                break;
            }
        }
        return new long[] {declared, updates};
    }
}
