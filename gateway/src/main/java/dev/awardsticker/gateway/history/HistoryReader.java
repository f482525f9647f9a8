package dev.awardsticker.gateway.history;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.gateway.feed.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every award's history, read from the compacted {@code award-history} topic on a thread of its own (like the
 * ceremony feed: no group, {@code read_committed}, from the beginning on every start) and folded there into one
 * {@link HistoryLedger} per award. A ledger is rebuilt whole when one of its ceremonies changes and then published,
 * never touched again, so the event loops read it without locks and never fold on their own thread.
 */
public final class HistoryReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryReader.class);
    private static final String TOPIC = Topics.AWARD_HISTORY;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FOLD_EVERY = Duration.ofSeconds(1);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String bootstrapServers;
    private final ConsumerThread thread;
    /** Reader thread only: award -> ceremony id -> its results. */
    private final Map<String, Map<String, CeremonyResults>> ceremonies = new HashMap<>();
    private final Map<String, HistoryLedger> ledgers = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile String status = "starting to read " + TOPIC;

    public HistoryReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.thread = new ConsumerThread("gateway-history-" + INSTANCES.incrementAndGet(), this::run);
    }

    public void start() {
        thread.start();
    }

    /** The award's history as folded so far; empty when {@code award-history} holds none of it. Any thread. */
    public Optional<HistoryLedger> ledger(String award) {
        return Optional.ofNullable(ledgers.get(award));
    }

    /** The awards with a history, sorted. Any thread. */
    public Set<String> awards() {
        return new TreeSet<>(ledgers.keySet());
    }

    /** Whether the reader has read the topic up to where it ended at start: before that, "unknown" is a guess. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public String status() {
        return status;
    }

    /** Stops the reader thread and waits for it (blocking: call it off the event loop). */
    @Override
    public void close() {
        thread.stop(Duration.ofSeconds(10));
    }

    private void run() {
        thread.reconnecting("reading " + TOPIC + " from " + bootstrapServers, this::consume, s -> status = s);
    }

    /** Reads the whole topic again on every (re)connect: it is compacted and small, and that keeps this simple. */
    private void consume() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            thread.use(kafka);
            if (thread.stopped()) {
                return;
            }
            List<TopicPartition> partitions = thread.awaitPartitions(kafka, TOPIC, bootstrapServers, (why, missing) -> {
                status = why;
                // No topic, no history yet: every award is unknown for sure, not "still loading".
                caughtUp |= missing;
            });
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = kafka.endOffsets(partitions);
            ceremonies.clear();
            Set<String> changed = new HashSet<>(ledgers.keySet());
            long lastFold = 0;
            while (!thread.stopped()) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                records.forEach(record -> read(record, changed));
                boolean reached = target.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue());
                // A fold takes the award's whole history: while catching up, fold once at the end; while ceremonies
                // keep coming (an import: one every few hundred ms), at most once per FOLD_EVERY, and as soon as
                // they stop.
                long now = System.nanoTime();
                if (reached && !changed.isEmpty() && (records.isEmpty() || now - lastFold >= FOLD_EVERY.toNanos())) {
                    changed.forEach(this::fold);
                    changed.clear();
                    lastFold = now;
                }
                if (reached && !caughtUp) {
                    caughtUp = true;
                    status = "caught up";
                    LOG.info("Caught up with {}: the history of {}", TOPIC, awards());
                }
            }
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, Set<String> changed) {
        String key = record.key();
        int bar = key == null ? -1 : key.indexOf('|');
        if (bar < 0) {
            LOG.warn("Skipping {}-{}@{}: key '{}' is not award|ceremony", record.topic(), record.partition(),
                    record.offset(), key);
            return;
        }
        String award = key.substring(0, bar);
        String ceremony = key.substring(bar + 1);
        try {
            if (record.value() == null) {
                ceremonies.getOrDefault(award, new HashMap<>()).remove(ceremony);
            } else {
                CeremonyResults results = Json.read(record.value(), CeremonyResults.class);
                ceremonies.computeIfAbsent(award, a -> new HashMap<>()).put(ceremony, results);
            }
            changed.add(award);
        } catch (RuntimeException e) {
            // One bad record must not hide a whole history: the ceremony stays as it was.
            LOG.error("Skipping unreadable {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), key, e.toString());
        }
    }

    private void fold(String award) {
        Map<String, CeremonyResults> results = ceremonies.getOrDefault(award, Map.of());
        if (results.isEmpty()) {
            ledgers.remove(award);
            return;
        }
        try {
            HistoryLedger ledger = HistoryLedger.of(award, results.values(), Integer.MAX_VALUE);
            HistoryLedger before = ledgers.put(award, ledger);
            if (!ledger.leftOut().isEmpty() && (before == null || !before.leftOut().equals(ledger.leftOut()))) {
                ledger.leftOut().forEach(left -> LOG.warn(left.describe(award)));
            }
        } catch (RuntimeException e) {
            // A bug, as the fold takes any ceremonies: keep serving the last good history.
            LOG.error("Could not fold the history of {}; serving the one folded before: {}", award, e.toString());
        }
    }

    /** The derived app writes the history under exactly-once: an aborted ceremony is no history. */
    private Map<String, Object> consumerConfig() {
        return thread.committedReader(bootstrapServers, Map.of());
    }
}
