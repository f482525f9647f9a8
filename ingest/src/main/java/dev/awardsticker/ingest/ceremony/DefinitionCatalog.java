package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.ingest.web.ApiError;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The latest definition of every ceremony, read from {@code ceremony-definitions}: a view of Kafka that is
 * rebuilt from the beginning of the topic on every start, never the source of truth. One thread owns the
 * consumer (no consumer group: every instance reads all partitions). Ready once it has read up to the end
 * offsets it saw at start.
 */
public final class DefinitionCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionCatalog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** A definition (null: deleted by a tombstone) and the offset it was written at. */
    private record Entry(CeremonyDefinition definition, long offset) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration kafkaTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile String problem = "still reading " + Topics.CEREMONY_DEFINITIONS;

    private DefinitionCatalog(String bootstrapServers, Duration kafkaTimeout) {
        this.kafkaTimeout = kafkaTimeout;
        int timeoutMs = (int) kafkaTimeout.toMillis();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-catalog",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ingest-definition-catalog");
        this.thread.setDaemon(true);
    }

    /** Creates the consumer and starts reading in the background. */
    public static DefinitionCatalog start(String bootstrapServers, Duration kafkaTimeout) {
        DefinitionCatalog catalog = new DefinitionCatalog(bootstrapServers, kafkaTimeout);
        catalog.thread.start();
        return catalog;
    }

    public Optional<CeremonyDefinition> get(String ceremonyId) {
        Entry entry = byId.get(ceremonyId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.definition());
    }

    /**
     * The ceremony, or an API error: 404 when the caught-up catalog does not know it, 503 while the catalog is
     * still loading (then "unknown" would be a guess).
     */
    public CeremonyDefinition require(String ceremonyId, String retryHint) {
        return get(ceremonyId).orElseThrow(() -> ready
                ? ApiError.notFound("No ceremony '" + ceremonyId + "': define it first with POST /ceremonies, or"
                        + " check the id (GET /ceremonies lists them).")
                : ApiError.unavailable("Ceremony definitions are still loading from Kafka (" + problem + "): "
                        + retryHint + " in a few seconds.", 1));
    }

    public List<CeremonyDefinition> all() {
        return byId.values().stream().map(Entry::definition).filter(d -> d != null)
                .sorted(Comparator.comparing(CeremonyDefinition::id)).toList();
    }

    /**
     * Read-your-writes: a definition Kafka just acknowledged is known at once, before the consumer reads it
     * back. The offset keeps an older record, read later by the consumer, from replacing a newer one.
     */
    public void put(CeremonyDefinition definition, long offset) {
        apply(definition.id(), new Entry(definition, offset));
    }

    public boolean ready() {
        return ready;
    }

    /** Why the catalog is not ready, or empty. */
    public Optional<String> notReadyReason() {
        return ready ? Optional.empty() : Optional.of("ceremony definitions: " + problem);
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

    private void apply(String id, Entry entry) {
        // Same key, same partition: offsets of one ceremony are comparable.
        byId.merge(id, entry, (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
    }

    private void run() {
        Map<TopicPartition, Long> endAtStart = null;
        try {
            while (running) {
                try {
                    if (endAtStart == null) {
                        endAtStart = assignFromBeginning();
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        read(record);
                    }
                    if (!ready && caughtUp(endAtStart)) {
                        ready = true;
                        problem = null;
                        LOG.info("Definition catalog caught up: {} ceremonies", all().size());
                    }
                } catch (WakeupException e) {
                    // close() woke us up: the loop condition ends it.
                } catch (KafkaException e) {
                    problem = "cannot read " + Topics.CEREMONY_DEFINITIONS + " (" + e.getMessage() + ")";
                    LOG.warn("Definition catalog: {}; retrying", problem);
                    stopped.await(1, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private Map<TopicPartition, Long> assignFromBeginning() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.CEREMONY_DEFINITIONS);
        if (partitions == null || partitions.isEmpty()) {
            throw new KafkaException("topic " + Topics.CEREMONY_DEFINITIONS + " does not exist: create the"
                    + " contract topics");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer.endOffsets(assigned);
    }

    private boolean caughtUp(Map<TopicPartition, Long> endAtStart) {
        return endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping a definition without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            apply(record.key(), new Entry(null, record.offset()));
            return;
        }
        try {
            apply(record.key(), new Entry(Json.read(record.value(), CeremonyDefinition.class), record.offset()));
        } catch (RuntimeException e) {
            // Someone else's bad write must not stop the catalog; the ceremony stays as it was.
            LOG.warn("Skipping an unreadable definition of '{}' at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }
}
