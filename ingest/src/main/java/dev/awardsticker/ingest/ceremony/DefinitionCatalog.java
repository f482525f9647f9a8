package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.ingest.consume.TopicReader;
import dev.awardsticker.ingest.web.ApiError;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest definition of every ceremony, read from {@code ceremony-definitions}: a view of Kafka that is
 * rebuilt from the beginning of the topic on every start, never the source of truth. Ready once it has read up
 * to the end offsets it saw at start.
 */
public final class DefinitionCatalog extends TopicReader {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionCatalog.class);

    /** A definition (null: deleted by a tombstone) and the offset it was written at. */
    private record Entry(CeremonyDefinition definition, long offset) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    /** Where the topic ended when reading started; only the reader's thread uses it. */
    private Map<TopicPartition, Long> endAtStart;
    private volatile boolean ready;

    private DefinitionCatalog(String bootstrapServers, Duration kafkaTimeout) {
        super("ingest-catalog", List.of(Topics.CEREMONY_DEFINITIONS), bootstrapServers, kafkaTimeout);
    }

    /** Creates the consumer and starts reading in the background. */
    public static DefinitionCatalog start(String bootstrapServers, Duration kafkaTimeout) {
        DefinitionCatalog catalog = new DefinitionCatalog(bootstrapServers, kafkaTimeout);
        catalog.startReading();
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
                : ApiError.unavailable("Ceremony definitions are still loading from Kafka (" + loading() + "): "
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
        return ready ? Optional.empty() : Optional.of("ceremony definitions: " + loading());
    }

    private void apply(String id, Entry entry) {
        // Same key, same partition: offsets of one ceremony are comparable.
        byId.merge(id, entry, (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
    }

    @Override
    protected void position(Consumer<String, byte[]> consumer) {
        List<TopicPartition> assigned = partitions(consumer, Topics.CEREMONY_DEFINITIONS);
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        endAtStart = consumer.endOffsets(assigned);
    }

    @Override
    protected void afterPoll(Consumer<String, byte[]> consumer) {
        if (!ready && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            ready = true;
            LOG.info("Definition catalog caught up: {} ceremonies", all().size());
        }
    }

    private String loading() {
        return Objects.requireNonNullElse(problem(), "still reading " + Topics.CEREMONY_DEFINITIONS);
    }

    @Override
    protected void read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping a definition without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            apply(record.key(), new Entry(null, record.offset()));
            return;
        }
        // An unreadable definition is skipped by the reader: the ceremony stays as it was.
        apply(record.key(), new Entry(Json.read(record.value(), CeremonyDefinition.class), record.offset()));
    }
}
