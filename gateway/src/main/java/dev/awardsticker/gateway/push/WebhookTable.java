package dev.awardsticker.gateway.push;

import dev.awardsticker.gateway.feed.ConsumerThread;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every subscription and its latest progress, as the admin API shows them on any instance: both compacted topics
 * read in full on a thread of their own (no group). An instance's own writes are applied at once when Kafka
 * acknowledges them, so a client reads what it just wrote; a record is applied only if it is not older than what
 * the table holds for that key (offsets tell).
 */
final class WebhookTable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTable.class);
    private static final List<String> TOPICS = List.of(Topics.WEBHOOK_SUBSCRIPTIONS, Topics.WEBHOOK_PROGRESS);

    private final String bootstrapServers;
    private final Map<String, Versioned<WebhookSubscription>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Versioned<WebhookProgress>> progress = new ConcurrentHashMap<>();
    private final ConsumerThread thread;
    private volatile boolean caughtUp;

    /** A value (null: deleted) and the offset it was written at. */
    private record Versioned<T>(T value, long offset) {}

    WebhookTable(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.thread = new ConsumerThread("gateway-webhook-table", this::run);
    }

    void start() {
        thread.start();
    }

    /** Whether the table holds at least what Kafka held when this instance started. */
    boolean caughtUp() {
        return caughtUp;
    }

    List<WebhookSubscription> subscriptions() {
        List<WebhookSubscription> all = new ArrayList<>();
        subscriptions.values().forEach(v -> {
            if (v.value() != null) {
                all.add(v.value());
            }
        });
        all.sort(Comparator.comparing(WebhookSubscription::createdAt).thenComparing(WebhookSubscription::id));
        return all;
    }

    Optional<WebhookSubscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id)).map(Versioned::value);
    }

    Optional<WebhookProgress> progress(String id) {
        return Optional.ofNullable(progress.get(id)).map(Versioned::value);
    }

    /** This instance wrote it and Kafka acknowledged it at {@code offset} (the subscriptions topic). */
    void written(String id, WebhookSubscription subscription, long offset) {
        apply(subscriptions, id, subscription, offset);
        if (subscription == null) {
            progress.remove(id); // its tombstone was acknowledged too
        }
    }

    private static <T> void apply(Map<String, Versioned<T>> table, String id, T value, long offset) {
        table.merge(id, new Versioned<>(value, offset), (old, now) -> now.offset() >= old.offset() ? now : old);
    }

    @Override
    public void close() {
        thread.stop(Duration.ofSeconds(10));
    }

    private boolean stopped() {
        return thread.stopped();
    }

    private void run() {
        while (!stopped()) {
            try {
                consume();
            } catch (WakeupException e) {
                // close()
            } catch (KafkaException | IllegalStateException e) {
                LOG.warn("Reading webhook subscriptions from {} failed: {}. Retrying in 2 s.", bootstrapServers,
                        e.getMessage());
                try {
                    thread.pause(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, thread.name(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            thread.use(kafka);
            if (stopped()) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist yet (TopicSetup or the "
                            + "streams app creates it)");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions); // re-reading after a failure is harmless: records are versioned
            Map<TopicPartition, Long> target = new HashMap<>(kafka.endOffsets(partitions));
            while (!stopped()) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                    read(record);
                }
                if (!caughtUp) {
                    target.entrySet().removeIf(end -> kafka.position(end.getKey()) >= end.getValue());
                    caughtUp = target.isEmpty();
                }
            }
        } finally {
            thread.use(null);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topics.WEBHOOK_SUBSCRIPTIONS)) {
                apply(subscriptions, record.key(), record.value() == null ? null
                        : Json.read(record.value(), WebhookSubscription.class), record.offset());
            } else {
                apply(progress, record.key(), record.value() == null ? null
                        : Json.read(record.value(), WebhookProgress.class), record.offset());
            }
        } catch (RuntimeException e) {
            LOG.error("Skipped unreadable record {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
        }
    }
}
