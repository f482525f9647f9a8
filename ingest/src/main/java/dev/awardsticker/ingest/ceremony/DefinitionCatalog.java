package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.history.HistoryLedger;
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
 * The latest definition of every ceremony, read from {@code ceremony-definitions}, and every award's history,
 * read from {@code award-history} (each finished ceremony's results, written by the derived app): a view of Kafka
 * that is rebuilt from the beginning of the topics on every start, never the source of truth. Ready once it has
 * read up to the end offsets it saw at start.
 */
public final class DefinitionCatalog extends TopicReader {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionCatalog.class);

    /** A definition (null: deleted by a tombstone) and the offset it was written at. */
    private record Entry(CeremonyDefinition definition, long offset) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    /** Callers waiting to have read award-history up to its end as of their request (read on the reader's thread). */
    private final java.util.Queue<java.util.concurrent.CompletableFuture<Void>> historySyncs =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Reader thread only: end offsets each waiting caller needs, and its future. */
    private final List<Map.Entry<Map<TopicPartition, Long>, java.util.concurrent.CompletableFuture<Void>>> syncing =
            new java.util.ArrayList<>();
    private List<TopicPartition> historyPartitions = List.of();
    /** award -> ceremony id -> its results as history. */
    private final Map<String, Map<String, CeremonyResults>> history = new ConcurrentHashMap<>();
    /** Where the topic ended when reading started; only the reader's thread uses it. */
    private Map<TopicPartition, Long> endAtStart;
    private volatile boolean ready;

    private DefinitionCatalog(String bootstrapServers, Duration kafkaTimeout) {
        super("ingest-catalog", List.of(Topics.CEREMONY_DEFINITIONS, Topics.AWARD_HISTORY), bootstrapServers,
                kafkaTimeout);
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

    /**
     * The award's history before {@code definition}'s edition, folded from the ceremonies on {@code award-history}
     * (its own ceremony left out, so a definition posted again is judged against the same history); null when the
     * award has none. Deterministic: the same ceremonies give the same history, whoever folds them.
     */
    public HistoryBefore historyBefore(CeremonyDefinition definition) {
        Map<String, CeremonyResults> ceremonies = history.getOrDefault(definition.award(), Map.of());
        List<CeremonyResults> before = ceremonies.values().stream()
                .filter(r -> r.definition().edition() < definition.edition() && !r.definition().id().equals(definition.id()))
                .toList();
        if (before.isEmpty()) {
            return null;
        }
        return HistoryLedger.of(definition.award(), before, definition.edition()).before(definition);
    }

    /**
     * Completes once this catalog has read {@code award-history} up to where it ended when asked: a ceremony
     * finished a moment ago (the end of an import) is in the history attached to the next definition.
     */
    public java.util.concurrent.CompletableFuture<Void> historyCaughtUp() {
        java.util.concurrent.CompletableFuture<Void> caughtUp = new java.util.concurrent.CompletableFuture<>();
        historySyncs.add(caughtUp);
        return caughtUp;
    }

    /** The award's history as folded from {@code award-history} so far, or null when it has none. */
    public HistoryLedger history(String award) {
        Map<String, CeremonyResults> ceremonies = history.get(award);
        return ceremonies == null || ceremonies.isEmpty() ? null
                : HistoryLedger.of(award, ceremonies.values(), Integer.MAX_VALUE);
    }

    /** The awards with a history, sorted. */
    public java.util.SortedSet<String> awards() {
        java.util.SortedSet<String> awards = new java.util.TreeSet<>();
        history.forEach((award, ceremonies) -> {
            if (!ceremonies.isEmpty()) {
                awards.add(award);
            }
        });
        return awards;
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
        List<TopicPartition> assigned = new java.util.ArrayList<>(partitions(consumer, Topics.CEREMONY_DEFINITIONS));
        historyPartitions = partitions(consumer, Topics.AWARD_HISTORY);
        assigned.addAll(historyPartitions);
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        endAtStart = consumer.endOffsets(assigned);
    }

    @Override
    protected void afterPoll(Consumer<String, byte[]> consumer) {
        for (var sync = historySyncs.poll(); sync != null; sync = historySyncs.poll()) {
            syncing.add(Map.entry(consumer.endOffsets(historyPartitions), sync));
        }
        syncing.removeIf(wait -> {
            boolean read = wait.getKey().entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            if (read) {
                wait.getValue().complete(null);
            }
            return read;
        });
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
        if (record.topic().equals(Topics.AWARD_HISTORY)) {
            if (record.value() != null) {
                CeremonyResults results = Json.read(record.value(), CeremonyResults.class);
                history.computeIfAbsent(results.definition().award(), a -> new ConcurrentHashMap<>())
                        .put(results.definition().id(), results);
            } else if (record.key() != null && record.key().indexOf('|') > 0) {
                // A tombstone (award|ceremony) takes the ceremony out of the history, as the gateway's reader does.
                int bar = record.key().indexOf('|');
                Map<String, CeremonyResults> ceremonies = history.get(record.key().substring(0, bar));
                if (ceremonies != null) {
                    ceremonies.remove(record.key().substring(bar + 1));
                }
            }
            return;
        }
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
