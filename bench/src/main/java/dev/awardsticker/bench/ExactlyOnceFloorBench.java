package dev.awardsticker.bench;

import dev.awardsticker.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The exactly-once floor of this machine: the cheapest Kafka Streams hop there is (one input, one in-memory logged
 * store, one output; {@code exactly_once_v2}, commit 0, no cache, linger 0), on the embedded broker, measured the way
 * {@link ProductionShapeBench} measures "Streams alone". None of our code runs in it, so it says what any exactly-once
 * design built on Kafka Streams can reach here; our live app is compared with it, not with a number from elsewhere.
 *
 * <p>Rows: the input acknowledged ({@code acks=all}) after send; the output readable {@code read_uncommitted} (Streams
 * fetched, processed and wrote it; not yet committed); the output readable {@code read_committed} (what a screen can
 * be shown). Messages go one at a time, {@code BENCH_GAP_MS} (100) apart, as live wins do; the first
 * {@code BENCH_WARMUP} (50) are not counted.
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.ExactlyOnceFloorBench}
 * ({@code BENCH_MESSAGES}, 200).
 */
public final class ExactlyOnceFloorBench {
    private ExactlyOnceFloorBench() {}

    /** p50/p90/p99/max in ms of one row. */
    record Row(String name, int n, long p50, long p90, long p99, long max) {}

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(System.getenv().getOrDefault("BENCH_MESSAGES", "200"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "50"));
        long gapMs = Long.parseLong(System.getenv().getOrDefault("BENCH_GAP_MS", "100"));
        run(messages, warmup, gapMs, System.out);
    }

    static List<Row> run(int messages, int warmup, long gapMs, PrintStream out) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("floor-in", 1, (short) 1), new NewTopic("floor-out", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            KafkaStreams streams = new KafkaStreams(topology(), properties(bootstrap));
            streams.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> committed = probe(bootstrap, "read_committed");
                 KafkaConsumer<String, byte[]> written = probe(bootstrap, "read_uncommitted")) {
                List<Long> acked = new ArrayList<>();
                List<Long> uncommitted = new ArrayList<>();
                List<Long> readable = new ArrayList<>();
                for (int i = 0; i < warmup + messages; i++) {
                    byte[] value = ("m" + i).getBytes(StandardCharsets.UTF_8);
                    long sent = System.nanoTime();
                    producer.send(new ProducerRecord<>("floor-in", "k", value)).get();
                    long ack = System.nanoTime();
                    long seenWritten = await(written, value);
                    long seenCommitted = await(committed, value);
                    if (i >= warmup) {
                        acked.add(ack - sent);
                        uncommitted.add(seenWritten - sent);
                        readable.add(seenCommitted - sent);
                    }
                    Thread.sleep(gapMs);
                }
                List<Row> rows = List.of(row("input acknowledged (acks=all)", acked),
                        row("output written, read_uncommitted", uncommitted),
                        row("output committed, read_committed", readable));
                print(rows, messages, gapMs, out);
                return rows;
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        }
    }

    /** One input, one logged in-memory store, one output: nothing but what exactly-once itself costs. */
    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new ByteArrayDeserializer(), "floor-in");
        topology.addProcessor("store-and-forward", () -> new Processor<String, byte[], String, byte[]>() {
            private ProcessorContext<String, byte[]> context;
            private KeyValueStore<String, byte[]> store;

            @Override
            public void init(ProcessorContext<String, byte[]> context) {
                this.context = context;
                this.store = context.getStateStore("floor-store");
            }

            @Override
            public void process(Record<String, byte[]> record) {
                store.put(record.key(), record.value());
                context.forward(record);
            }
        }, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("floor-store"),
                Serdes.String(), Serdes.ByteArray()), "store-and-forward");
        topology.addSink("out", "floor-out", new StringSerializer(), new ByteArraySerializer(), "store-and-forward");
        return topology;
    }

    private static Properties properties(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("floor-state").toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 0);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        return p;
    }

    private static KafkaConsumer<String, byte[]> probe(String bootstrap, String isolation) {
        KafkaConsumer<String, byte[]> consumer = TopicReader.open(bootstrap, isolation,
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        TopicReader.fromEnd(consumer, "floor-out");
        return consumer;
    }

    /** Polls until {@code value} arrives; returns when (System.nanoTime). */
    private static long await(KafkaConsumer<String, byte[]> consumer, byte[] value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (java.util.Arrays.equals(record.value(), value)) {
                    return System.nanoTime();
                }
            }
        }
        throw new IllegalStateException("the floor topology did not pass a message on within 30 s");
    }

    private static Row row(String name, List<Long> nanos) {
        List<Long> ms = new ArrayList<>(nanos.stream().map(TimeUnit.NANOSECONDS::toMillis).toList());
        Collections.sort(ms);
        return new Row(name, ms.size(), ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10),
                ms.get(Math.min(ms.size() - 1, ms.size() * 99 / 100)), ms.get(ms.size() - 1));
    }

    private static void print(List<Row> rows, int messages, long gapMs, PrintStream out) {
        out.printf("%nExactly-once floor: one input, one store, one output (exactly_once_v2, commit 0, no cache, linger 0),"
                + " embedded broker, %d messages %d ms apart, 2 cores, load average %s%n", messages, gapMs,
                JvmStats.loadAverage());
        out.println("| from send to | n | p50 ms | p90 ms | p99 ms | max ms |");
        out.println("| --- | --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            out.printf("| %s | %d | %d | %d | %d | %d |%n", r.name(), r.n(), r.p50(), r.p90(), r.p99(), r.max());
        }
        out.println("command: BENCH_MESSAGES=" + messages + " BENCH_GAP_MS=" + gapMs
                + " java -cp \"bench/target/bench.jar:bench/target/lib/*\" dev.awardsticker.bench.ExactlyOnceFloorBench");
    }
}
