package dev.awardsticker.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads all of {@code ceremony-updates} from the beginning on a thread of its own, decodes each record and encodes
 * its wire frames once ({@link FeedUpdate#encoded}), and hands the batches to a {@link Sink} on this thread, so the
 * event loops never block on Kafka, JSON or encoding.
 *
 * <p>No consumer group: every gateway assigns itself all partitions and rebuilds the whole state, so any
 * instance can serve any client and resume tokens are valid on all of them. Only committed records are read
 * ({@code read_committed}): the Streams app writes under exactly-once, and an aborted update must never reach a
 * screen.
 */
public final class UpdateFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateFeed.class);
    private static final String TOPIC = Topics.CEREMONY_UPDATES;
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Batches handed over but not yet done with (every event loop fanned it out): bounds memory when Kafka delivers
     * faster than clients are written to. One, so that while the event loops fan a batch out, what arrives meanwhile gathers in Kafka and comes as one
     * batch next (decoded on this thread while the loop is still busy): each client then gets the frames of all of
     * it with one flush ({@code FlushBatch}), where several small queued batches would each cost a flush per client.
     */
    private static final int MAX_BATCHES_IN_FLIGHT = 1;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Receives batches on the feed thread, in offset order per partition. */
    public interface Sink {
        /**
         * @param caughtUp with this batch the feed has read up to the end offsets it saw when it started
         * @param done     to be run (on any thread, once) when the batch is done with; the next batch waits for it
         */
        void accept(List<FeedUpdate> batch, boolean caughtUp, Runnable done);
    }

    private final String bootstrapServers;
    private final Sink sink;
    private final Semaphore inFlight = new Semaphore(MAX_BATCHES_IN_FLIGHT);
    private final ConsumerThread thread;
    private volatile String status = "starting the Kafka feed";
    /** Next offset per partition after the records decoded so far. Feed thread only. */
    private final Map<TopicPartition, Long> handedUpTo = new HashMap<>();

    public UpdateFeed(String bootstrapServers, Sink sink) {
        this.bootstrapServers = bootstrapServers;
        this.sink = sink;
        this.thread = new ConsumerThread("gateway-feed-" + INSTANCES.incrementAndGet(), this::run);
    }

    public void start() {
        thread.start();
    }

    /** What the feed is doing, for {@code /ready} while the views have not caught up. Any thread. */
    public String status() {
        return status;
    }

    /** Stops the feed thread and waits for it (blocking: call it off the event loop). */
    @Override
    public void close() {
        thread.stop(Duration.ofSeconds(10));
    }

    private boolean stopped() {
        return thread.stopped();
    }

    private void run() {
        thread.reconnecting("reading " + TOPIC + " from " + bootstrapServers, this::consume, s -> status = s);
    }

    private void consume() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            thread.use(kafka);
            if (stopped()) {
                return; // close() ran before the consumer was published, so its wakeup missed it
            }
            List<TopicPartition> partitions = thread.awaitPartitions(kafka, TOPIC, bootstrapServers,
                    (why, missing) -> status = missing ? why + "; waiting for the streams app (or TopicSetup) to create"
                            + " it" : why);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            seekToStart(kafka, partitions);
            Map<TopicPartition, Long> target = kafka.endOffsets(partitions);
            LOG.info("Reading {} ({} partitions) from {}: {} records to catch up", TOPIC, partitions.size(),
                    bootstrapServers, behind(kafka, target));
            boolean caughtUp = false;
            while (!stopped()) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                List<FeedUpdate> batch = decode(records);
                boolean reachedNow = false;
                if (!caughtUp) {
                    long behind = behind(kafka, target);
                    reachedNow = caughtUp = behind == 0;
                    status = caughtUp ? "caught up" : "catching up with " + TOPIC + ": " + behind + " records to go";
                    if (caughtUp) {
                        LOG.info("Caught up with {}: serving the state it held at start", TOPIC);
                    }
                }
                if (!batch.isEmpty() || reachedNow) {
                    hand(batch, caughtUp);
                }
            }
        }
    }

    /**
     * The first consumer reads everything; one that replaces a failed consumer continues after the records
     * already handed over, so a broker hiccup does not replay the whole topic through the views.
     */
    private void seekToStart(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Long next = handedUpTo.get(partition);
            if (next == null) {
                kafka.seekToBeginning(List.of(partition));
            } else {
                kafka.seek(partition, next);
            }
        }
    }

    private static long behind(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> target) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            behind += Math.max(0, end.getValue() - kafka.position(end.getKey()));
        }
        return behind;
    }

    private List<FeedUpdate> decode(ConsumerRecords<String, byte[]> records) {
        List<FeedUpdate> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            FeedUpdate update = decode(record);
            if (update != null) {
                batch.add(update);
            }
            handedUpTo.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return batch;
    }

    /**
     * Deserializes and encodes one record, or logs why it cannot be used and returns null. A bad record must
     * never stop the feed: it is skipped, and the gap it leaves in the ceremony's seq is reported by its view.
     */
    static FeedUpdate decode(ConsumerRecord<String, byte[]> record) {
        String problem;
        try {
            CeremonyUpdate update = record.value() == null ? null
                    : Json.MAPPER.readValue(record.value(), CeremonyUpdate.class);
            problem = problem(update);
            if (problem == null) {
                return FeedUpdate.encoded(update);
            }
        } catch (JsonProcessingException e) {
            problem = "not a valid CeremonyUpdate: " + e.getOriginalMessage();
        } catch (IOException | RuntimeException e) {
            problem = "could not be read: " + e;
        }
        LOG.error("Skipped record {}-{} at offset {} (key {}): {}. No client will see it; fix the producer.",
                record.topic(), record.partition(), record.offset(), record.key(), problem);
        return null;
    }

    private static String problem(CeremonyUpdate update) {
        if (update == null) {
            return "empty value (a tombstone, but this topic only carries CeremonyUpdate JSON)";
        }
        if (update.ceremony() == null || update.ceremony().isBlank()) {
            return "no ceremony id";
        }
        if (update.seq() < 1) {
            return "seq " + update.seq() + " (sequence numbers start at 1)";
        }
        if (update.changes().isEmpty()) {
            return "no changes (an update carries at least one)";
        }
        return null;
    }

    /** Hands a batch to the sink, waiting while too many batches are still not done with. */
    private void hand(List<FeedUpdate> batch, boolean caughtUp) throws InterruptedException {
        while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
            if (stopped()) {
                return;
            }
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable done = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.release();
            }
        };
        try {
            sink.accept(batch, caughtUp, done);
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
    }

    /** No group: positions are never committed, every start reads the topic from the beginning. */
    private Map<String, Object> consumerConfig() {
        return thread.committedReader(bootstrapServers, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                // Updates become readable when Streams' transaction commits, which a waiting read_committed
                // fetch does not notice at once: a short wait bounds that delay at a few fetches a second.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
    }
}
