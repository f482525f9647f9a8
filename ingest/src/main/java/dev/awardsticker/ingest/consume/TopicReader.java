package dev.awardsticker.ingest.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads whole topics in the background: a view of Kafka, never a source of truth. One thread owns the consumer
 * (a KafkaConsumer must not be shared between threads), and there is no consumer group, so every ingest
 * instance reads every partition. {@code read_committed}, like the Streams app, so ingest never acts on output
 * of a transaction that was aborted.
 *
 * <p>Subclasses say where to start ({@link #position}) and what a record means ({@link #read}). While Kafka
 * cannot be read the reader says why ({@link #problem()}) and tries again every second; a record that cannot be
 * read is logged and skipped, so someone else's bad write never stops it.
 */
public abstract class TopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MS = 1000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final List<String> topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration kafkaTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String problem;

    /** Creates the consumer (no network I/O yet); {@link #startReading()} starts the thread. */
    protected TopicReader(String clientId, List<String> topics, String bootstrapServers, Duration kafkaTimeout) {
        this.topics = List.copyOf(topics);
        this.kafkaTimeout = kafkaTimeout;
        int timeoutMs = (int) kafkaTimeout.toMillis();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    protected final void startReading() {
        thread.start();
    }

    /** Assigns the partitions to read and seeks to where reading starts. Retried until it succeeds. */
    protected abstract void position(Consumer<String, byte[]> consumer);

    /** One record; throwing skips it (logged). Runs on the reader's thread. */
    protected abstract void read(ConsumerRecord<String, byte[]> record);

    /** After every successful poll, on the reader's thread: e.g. to notice being caught up. */
    protected void afterPoll(Consumer<String, byte[]> consumer) {}

    /** Why Kafka cannot be read right now, or null. */
    protected final String problem() {
        return problem;
    }

    /** Every partition of {@code topic}; fails (and is retried) while the topic does not exist. */
    protected static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new KafkaException("topic " + topic + " does not exist: create the contract topics");
        }
        return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        consumer.wakeup();
        try {
            thread.join(kafkaTimeout.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean positioned = false;
        try {
            while (running) {
                try {
                    if (!positioned) {
                        position(consumer);
                        positioned = true;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        readSafely(record);
                    }
                    problem = null;
                    afterPoll(consumer);
                } catch (WakeupException e) {
                    // close() woke us up: the loop condition ends it.
                } catch (KafkaException e) {
                    problem = "cannot read " + String.join(", ", topics) + " (" + e.getMessage() + ")";
                    log.warn("{}; retrying in {} ms", problem, RETRY_MS);
                    stopped.await(RETRY_MS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void readSafely(ConsumerRecord<String, byte[]> record) {
        try {
            read(record);
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable record (key '{}') at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }
}
