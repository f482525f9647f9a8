package dev.awardsticker.gateway.push;

import dev.awardsticker.gateway.feed.ConsumerThread;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, through Kafka, which gateway delivers which subscription: all gateways join one consumer group on
 * {@code webhook-subscriptions}; the instance assigned a partition runs a {@link SubscriptionWorker} for every
 * subscription in it (reading the partition from the start: it is compacted and small). When a partition moves, the
 * old owner stops its workers inside the rebalance, before the new owner is assigned it, so two instances do not
 * deliver one subscription at once (only an instance cut off from Kafka past its session timeout can overlap; the
 * receiver's dedupe on {@code Webhook-Id} covers that).
 */
final class WebhookOwner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookOwner.class);
    private static final long MAX_BACKOFF_MS = 10_000;

    private final String bootstrapServers;
    private final WebhookConfig config;
    private final WebhookStore store;
    private final Vertx vertx;
    private final WebhookMetrics metrics;
    private final ConsumerThread thread;
    /** Owner thread writes; the metrics gauge reads the size. */
    private final Map<String, Owned> workers = new ConcurrentHashMap<>();

    private record Owned(int partition, WebhookSubscription subscription, SubscriptionWorker worker) {}

    WebhookOwner(String bootstrapServers, WebhookConfig config, WebhookStore store, Vertx vertx,
                 WebhookMetrics metrics) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.store = store;
        this.vertx = vertx;
        this.metrics = metrics;
        this.thread = new ConsumerThread("gateway-webhook-owner", this::run);
    }

    void start() {
        thread.start();
    }

    /** Subscriptions this instance delivers now. */
    int owned() {
        return workers.size();
    }

    /** Stops every worker, then leaves the group (blocking: off the event loop). */
    @Override
    public void close() {
        thread.stop(Duration.ofSeconds(30));
    }

    private boolean stopped() {
        return thread.stopped();
    }

    private void run() {
        long backoffMs = 500;
        while (!stopped()) {
            try {
                consume();
                backoffMs = 500;
            } catch (WakeupException e) {
                // close(): the loop ends
            } catch (KafkaException e) {
                LOG.warn("Webhook ownership: reading {} from {} failed: {}. Retrying in {} ms.",
                        Topics.WEBHOOK_SUBSCRIPTIONS, bootstrapServers, e.getMessage(), backoffMs);
            } catch (RuntimeException e) {
                LOG.error("Webhook ownership hit an unexpected error; retrying in {} ms", backoffMs, e);
            }
            if (!stopped()) {
                try {
                    thread.pause(backoffMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            thread.use(kafka);
            try {
                if (stopped()) {
                    return;
                }
                kafka.subscribe(List.of(Topics.WEBHOOK_SUBSCRIPTIONS), new Rebalance(kafka));
                while (!stopped()) {
                    // Only the newest record per subscription counts: reading a partition from the start must not
                    // start and stop a worker for every subscription created and deleted long ago.
                    Map<String, ConsumerRecord<String, byte[]>> newest = new LinkedHashMap<>();
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                        newest.remove(record.key());
                        newest.put(record.key(), record);
                    }
                    newest.values().forEach(this::apply);
                }
            } finally {
                // Before leaving the group: the next owner must not start while these still deliver.
                stopWorkers(new ArrayList<>(workers.keySet()));
                thread.use(null);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String id = record.key();
        WebhookSubscription subscription;
        try {
            subscription = record.value() == null ? null : Json.read(record.value(), WebhookSubscription.class);
        } catch (RuntimeException e) {
            LOG.error("Skipped unreadable subscription {} at {}-{}@{}: {}", id, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        Owned current = workers.get(id);
        if (current != null && (subscription == null || !subscription.equals(current.subscription()))) {
            stopWorkers(List.of(id));
        }
        if (subscription != null && !workers.containsKey(id)) {
            SubscriptionWorker worker = new SubscriptionWorker(subscription, bootstrapServers, store, vertx, config,
                    metrics);
            workers.put(id, new Owned(record.partition(), subscription, worker));
            worker.start();
            LOG.info("Delivering webhook {} to {} from this gateway", id, subscription.url());
        } else if (subscription == null && current != null) {
            store.deleteProgress(id);
            LOG.info("Webhook {} deleted: deliveries stopped", id);
        }
    }

    /** Signals all first, then waits: workers stop in parallel, each within its grace. */
    private void stopWorkers(Collection<String> ids) {
        List<SubscriptionWorker> halted = new ArrayList<>();
        for (String id : ids) {
            Owned owned = workers.get(id);
            if (owned != null) {
                owned.worker().requestStop(); // before it leaves the map: "not owned" then means "not delivering"
                workers.remove(id);
                halted.add(owned.worker());
            }
        }
        halted.forEach(SubscriptionWorker::awaitStopped);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        Rebalance(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Offsets are never committed: every owner reads its partitions' subscriptions from the start.
            kafka.seekToBeginning(partitions);
            if (!partitions.isEmpty()) {
                LOG.info("This gateway now owns webhook partitions {}", partitions.stream()
                        .map(TopicPartition::partition).sorted().toList());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<Integer> moved = partitions.stream().map(TopicPartition::partition).toList();
            stopWorkers(workers.entrySet().stream()
                    .filter(e -> moved.contains(e.getValue().partition())).map(Map.Entry::getKey).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, thread.name(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // Only partitions that move are revoked: a gateway joining does not pause every delivery.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                // A stopped gateway leaves the group at once; one that died is replaced after this long.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }
}
