package dev.awardsticker.gateway.feed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The thread a Kafka consumer loop runs on, and the one safe way to stop it: mark it stopping, wake the consumer
 * out of its poll, wait for the loop to end. The loop publishes the consumer it uses with {@link #use} and checks
 * {@link #stopped()} right after (a stop that came before the consumer was published would otherwise be missed).
 */
public final class ConsumerThread {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerThread.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** One consumer's life: it returns or throws when that consumer is done with. */
    public interface Attempt {
        void run() throws InterruptedException;
    }

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<?, ?> consumer;

    public ConsumerThread(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    /**
     * The settings every consumer of this gateway shares, plus {@code extra}: only committed records (the Streams
     * apps write under exactly-once, and an aborted write must reach nobody), positions never auto-committed, from
     * the beginning when none is known, and no topic created by asking for it.
     */
    public Map<String, Object> committedReader(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, name(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        config.putAll(extra);
        return config;
    }

    public String name() {
        return thread.getName();
    }

    public void start() {
        thread.start();
    }

    public boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits up to {@code millis} (a back-off), returning early when asked to stop; true when stopping. */
    public boolean pause(long millis) throws InterruptedException {
        return stopping.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The consumer the loop polls now, or null between consumers. */
    public void use(KafkaConsumer<?, ?> current) {
        consumer = current;
    }

    /** Asks the loop to stop and wakes its consumer; any thread. */
    public void requestStop() {
        stopping.countDown();
        KafkaConsumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits for the loop to end (blocking: off the event loop). */
    public void join(Duration atMost) {
        try {
            thread.join(atMost.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop(Duration atMost) {
        requestStop();
        join(atMost);
    }

    /**
     * The loop's body: runs {@code attempt} again after each failure, backing off from half a second to 10 s, until
     * stopped, so a broker outage is waited out, never a reason to end. {@code status} hears why it reconnects.
     *
     * @param what what the loop does, for the log and the status: "reading ceremony-updates from host:9092"
     */
    public void reconnecting(String what, Attempt attempt, Consumer<String> status) {
        long backoffMs = FIRST_BACKOFF_MS;
        try {
            while (!stopped()) {
                try {
                    attempt.run();
                    continue;
                } catch (WakeupException e) {
                    continue; // stop() woke the consumer up: the loop ends
                } catch (KafkaException e) {
                    LOG.warn("{} failed: {}. Reconnecting in {} ms.", what, e.getMessage(), backoffMs);
                    status.accept(what + " failed (" + e.getMessage() + "); reconnecting");
                } catch (RuntimeException e) {
                    LOG.error("{} hit an unexpected error; reconnecting in {} ms", what, backoffMs, e);
                    status.accept(what + " failed (" + e + "); reconnecting");
                }
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The topic's partitions, once it exists and the broker answers; empty only when stopping. {@code waiting} hears
     * why it waits, and whether the topic is missing (true) or Kafka unreachable (false).
     */
    public List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> kafka, String topic, String bootstrapServers,
                                                java.util.function.BiConsumer<String, Boolean> waiting)
            throws InterruptedException {
        long backoffMs = FIRST_BACKOFF_MS;
        while (!stopped()) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                waiting.accept("topic " + topic + " does not exist at " + bootstrapServers + " yet", true);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                waiting.accept("cannot reach Kafka at " + bootstrapServers + " (" + e.getMessage() + "); retrying",
                        false);
            }
            LOG.warn("Waiting for Kafka to serve {}", topic);
            pause(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
        return List.of();
    }
}
