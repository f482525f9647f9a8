package dev.awardsticker.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerTopology;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Win -> tally latency of the Streams app under exactly-once on a real (embedded) broker, for Streams'
 * defaults and for our settings, as a printed table. The latency is measured as a downstream reader sees it:
 * from the moment the win was sent to the moment the update is readable with {@code read_committed}.
 *
 * <p>Run: {@code java -jar bench/target/bench.jar} (BENCH_WINS, BENCH_GAP_MS to change the load).
 */
public final class StreamsLatencyBench {

    /** One configuration to measure: a name, why, and what it changes on top of our StreamsAppConfig. */
    record Setting(String name, Map<String, Object> overrides) {}

    record Result(String setting, int wins, double p50, double p99, double max, double cpuMsPerWin) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting("Streams EOS defaults (commit 100 ms, 10 MB cache, poll 100 ms)", Map.of(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
                    StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024L,
                    StreamsConfig.POLL_MS_CONFIG, 100,
                    StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100)),
            new Setting("commit 10 ms, no cache, linger 0", Map.of(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10)),
            new Setting("commit 10 ms, no cache, linger 0, poll 5 ms", Map.of(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10, StreamsConfig.POLL_MS_CONFIG, 5)),
            new Setting("commit 0 (our setting before the history work), no cache, linger 0", Map.of(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 0)),
            new Setting("ours: commit 50 ms, at once when caught up, no cache, linger 0", Map.of()));

    public static void main(String[] args) throws Exception {
        int wins = Integer.parseInt(System.getenv().getOrDefault("BENCH_WINS", "200"));
        long gapMs = Long.parseLong(System.getenv().getOrDefault("BENCH_GAP_MS", "100"));
        // BENCH_ONLY_OURS=true measures our settings alone, e.g. a whole 10,000-win history sent at once
        // (BENCH_WINS=10000 BENCH_GAP_MS=0): its max latency is the time the history takes through the app.
        boolean onlyOurs = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_ONLY_OURS", "false"));
        List<Setting> settings = new java.util.ArrayList<>(
                onlyOurs ? List.of(SETTINGS.get(SETTINGS.size() - 1)) : SETTINGS);
        // BENCH_EXTRA="max.task.idle.ms=-1;poll.ms=5" adds a row: ours plus those Streams settings, to try one.
        String extra = System.getenv().getOrDefault("BENCH_EXTRA", "");
        if (!extra.isBlank()) {
            Map<String, Object> overrides = new java.util.LinkedHashMap<>();
            for (String pair : extra.split(";")) {
                String[] kv = pair.split("=", 2);
                overrides.put(kv[0].trim(), kv[1].trim());
            }
            settings.add(new Setting("ours + " + extra, overrides));
        }
        run(wins, gapMs, settings, System.out);
    }

    public static List<Result> run(int wins, long gapMs, List<Setting> settings, PrintStream out) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers(), (short) 1);
            // A discarded first round warms the JIT, so the first setting measured is not penalised.
            measure(kafka.bootstrapServers(), settings.get(0), Math.min(wins, 50), gapMs);
            List<Result> results = settings.stream().map(s -> measure(kafka.bootstrapServers(), s, wins, gapMs)).toList();
            out.printf("%nWin -> tally under exactly_once_v2, %d wins, one every %d ms, embedded broker, %d cores%n",
                    wins, gapMs, Runtime.getRuntime().availableProcessors());
            out.printf("%-66s %8s %8s %8s %12s%n", "setting", "p50 ms", "p99 ms", "max ms", "CPU ms/win");
            for (Result r : results) {
                out.printf("%-66s %8.0f %8.0f %8.0f %12.2f%n", r.setting(), r.p50(), r.p99(), r.max(), r.cpuMsPerWin());
            }
            return results;
        }
    }

    private static Result measure(String bootstrap, Setting setting, int wins, long gapMs) {
        String id = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        CeremonyDefinition definition = new CeremonyDefinition(id, "bench", "1st Bench Awards", 1,
                LocalDate.of(2020, 1, 1), "TV", IntStream.range(0, wins).mapToObj(i -> new Category("Category " + i,
                        List.of(new Nominee("Work " + i % 10, "Work " + i % 10, List.of(), "Studio"),
                                new Nominee("Other " + i, "Other " + i, List.of(), "Studio")))).toList());
        Properties props;
        try {
            props = new StreamsAppConfig(bootstrap, id, Files.createTempDirectory("bench-state"),
                    StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, 1).toProperties();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        props.putAll(setting.overrides());
        // Each measured app reads only its own ceremony, not the ones measured before it.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        Histogram histogram = new Histogram(60_000, 3);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> reader = reader(bootstrap);
             KafkaStreams streams = new KafkaStreams(TickerTopology.build(), props)) {
            streams.start();
            awaitRunning(streams);
            CeremonyCommand posted = new DefinitionPosted("definition-" + id, id, definition, System.currentTimeMillis(),
                    "bench");
            producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, id, Json.bytes(posted))).get();
            // Measure the steady state: start once the app has committed the definition (its first transaction).
            awaitDefinition(reader, id);
            long cpuBefore = os.getProcessCpuTime();
            // The reader polls without pause on its own thread: a reader that looked only between two sends
            // would round every latency up to the send interval.
            Thread readerThread = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + wins * gapMs / 1000);
                while (histogram.getTotalCount() < wins && System.nanoTime() < deadline) {
                    drain(reader, id, histogram);
                }
            }, "bench-reader");
            readerThread.start();
            for (int i = 0; i < wins; i++) {
                CeremonyCommand win = new WinAnnounced("w" + i, id, "Category " + i, "Work " + i % 10, false,
                        System.currentTimeMillis(), "bench");
                producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, id, Json.bytes(win)));
                TimeUnit.MILLISECONDS.sleep(gapMs); // The load's pace.
            }
            readerThread.join();
            double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
            return new Result(setting.name(), (int) histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue(), cpuMs / Math.max(1, histogram.getTotalCount()));
        } catch (Exception e) {
            throw new IllegalStateException("Benchmark of '" + setting.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private static KafkaConsumer<String, byte[]> reader(String bootstrap) {
        KafkaConsumer<String, byte[]> reader = TopicReader.open(bootstrap, "read_committed",
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        TopicReader.fromEnd(reader, Topics.CEREMONY_UPDATES);
        return reader;
    }

    private static void drain(KafkaConsumer<String, byte[]> reader, String ceremony, Histogram histogram) {
        long now;
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
            now = System.currentTimeMillis();
            if (record.key().equals(ceremony)) {
                CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
                if (!update.changesOf(WinnerDeclared.class).isEmpty()) { // one update per win, all its changes
                    histogram.recordValue(Math.max(0, now - update.ingestedAt()));
                }
            }
        }
    }

    private static void awaitDefinition(KafkaConsumer<String, byte[]> reader, String ceremony) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(10))) {
                if (record.key().equals(ceremony)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("The Streams app did not publish the definition within 60 s");
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Streams not running after 60 s: " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

}
