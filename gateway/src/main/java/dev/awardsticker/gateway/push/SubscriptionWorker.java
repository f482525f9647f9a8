package dev.awardsticker.gateway.push;

import dev.awardsticker.gateway.feed.ConsumerThread;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.Vertx;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Delivers one subscription, on a thread of its own: its own cursor over {@code ceremony-updates}
 * ({@code read_committed}, no group), one update at a time (one POST per update that has a change passing the
 * filter, carrying just those changes), in offset order, retrying until the receiver accepts or
 * the delivery is given up. A receiver that is slow or down therefore only ever holds back its own subscription.
 *
 * <p>Exactly-once towards a receiver that answers 2xx rests on the order of two steps: the 2xx, then the progress
 * record ({@code acks=all}) that moves the cursor past it, before the next update is touched. A new owner starts from
 * that record. Only a crash between the 2xx and the progress write repeats a delivery, with the same
 * {@code Webhook-Id}.
 */
final class SubscriptionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_KAFKA_BACKOFF_MS = 10_000;
    /** At stop, an attempt in flight may still answer for this long, so an accepted delivery is recorded, not repeated. */
    static final long STOP_GRACE_MS = 2_000;

    private enum Outcome { DELIVERED, DEAD_LETTERED, STOPPED }

    private final WebhookSubscription subscription;
    private final String bootstrapServers;
    private final WebhookStore store;
    private final WebhookSender sender;
    private final RetryPolicy policy;
    private final WebhookMetrics metrics;
    private final ConsumerThread thread;
    private volatile long stopRequestedAt;
    /** Worker thread only. Null until read from {@code webhook-progress}. */
    private WebhookProgress progress;

    SubscriptionWorker(WebhookSubscription subscription, String bootstrapServers, WebhookStore store, Vertx vertx,
                       WebhookConfig config, WebhookMetrics metrics) {
        this.subscription = subscription;
        this.bootstrapServers = bootstrapServers;
        this.store = store;
        this.sender = new WebhookSender(vertx, config.timeoutMs());
        this.policy = RetryPolicy.of(config);
        this.metrics = metrics;
        this.thread = new ConsumerThread("webhook-" + subscription.id(), this::run);
    }

    String subscriptionId() {
        return subscription.id();
    }

    void start() {
        thread.start();
    }

    /** Asks the worker to stop; {@link #awaitStopped()} waits for it. Any thread. */
    void requestStop() {
        stopRequestedAt = System.nanoTime();
        thread.requestStop();
    }

    void awaitStopped() {
        thread.join(Duration.ofMillis(STOP_GRACE_MS + 10_000));
        sender.close();
    }

    private boolean stopped() {
        return thread.stopped();
    }

    private void run() {
        long backoffMs = 500;
        while (!stopped()) {
            try {
                if (progress == null) {
                    progress = store.readProgress(subscription.id())
                            .orElseGet(() -> WebhookProgress.start(subscription.id(), subscription.startPositions()));
                }
                consume();
                backoffMs = 500;
            } catch (WakeupException e) {
                // requestStop(): the loop ends
            } catch (KafkaException e) {
                LOG.warn("Webhook {}: reading Kafka at {} failed: {}. Retrying in {} ms.", subscription.id(),
                        bootstrapServers, e.getMessage(), backoffMs);
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_KAFKA_BACKOFF_MS);
            } catch (RuntimeException e) {
                LOG.error("Webhook {} hit an unexpected error; restarting its cursor in {} ms", subscription.id(),
                        backoffMs, e);
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_KAFKA_BACKOFF_MS);
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            thread.use(kafka);
            if (stopped()) {
                return;
            }
            List<PartitionInfo> infos = kafka.partitionsFor(Topics.CEREMONY_UPDATES, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new KafkaException("topic " + Topics.CEREMONY_UPDATES + " does not exist yet");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(Topics.CEREMONY_UPDATES, p.partition())).toList();
            kafka.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long next = progress.positions().get(partition.partition());
                if (next == null) {
                    kafka.seekToBeginning(List.of(partition)); // a partition added after the subscription
                } else {
                    kafka.seek(partition, next);
                }
            }
            while (!stopped()) {
                boolean skipped = false;
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    CeremonyUpdate read = decode(record);
                    CeremonyUpdate update = read == null ? null : subscription.filter().select(read);
                    if (update == null) {
                        progress = progress.at(record.partition(), record.offset() + 1);
                        skipped = true;
                        continue;
                    }
                    Outcome outcome = deliver(update, record);
                    if (outcome == Outcome.STOPPED) {
                        return; // the cursor stays before this update: the next owner delivers it
                    }
                    progress = progress.at(record.partition(), record.offset() + 1);
                    saveBeforeMovingOn();
                    skipped = false;
                }
                if (skipped) {
                    // Filtered-out records only: losing this write costs a re-read, never a delivery.
                    store.putProgress(progress);
                }
            }
        } finally {
            thread.use(null);
        }
    }

    /** One update, attempted until accepted, given up, or the worker is stopped. */
    private Outcome deliver(CeremonyUpdate update, ConsumerRecord<String, byte[]> record) {
        WebhookBody envelope = WebhookBody.of(subscription.id(), update);
        byte[] body = Json.bytes(envelope);
        long started = System.nanoTime();
        // A delivery a previous owner was retrying keeps its attempt count and give-up clock.
        WebhookProgress.Pending pending = progress.pending();
        Instant firstAttemptAt = pending != null && pending.webhookId().equals(envelope.id())
                ? pending.firstAttemptAt() : Instant.now();
        int attempts = pending != null && pending.webhookId().equals(envelope.id()) ? pending.attempts() : 0;
        while (!stopped()) {
            attempts++;
            WebhookSender.Attempt attempt = await(sender.post(subscription.url(), subscription, envelope.id(),
                    body));
            if (attempt == null) {
                return Outcome.STOPPED;
            }
            if (attempt.accepted()) {
                metrics.delivered(System.nanoTime() - started);
                progress = progress.delivered(new WebhookProgress.Position(update.ceremony(), update.epoch(),
                        update.seq()));
                return Outcome.DELIVERED;
            }
            long elapsedMs = Duration.between(firstAttemptAt, Instant.now()).toMillis();
            long delayMs = policy.delayMs(attempts, attempt.retryAfterMs());
            if (attempt.retryable() && elapsedMs + delayMs <= policy.giveUpMs()) {
                metrics.retried();
                String error = attempt.describe() + " on attempt " + attempts + " for " + envelope.id();
                progress = progress.retrying(error, new WebhookProgress.Pending(envelope.id(), firstAttemptAt,
                        attempts, Instant.now().plusMillis(delayMs)));
                store.putProgress(progress); // status and retry state only: the cursor has not moved
                LOG.info("Webhook {}: {}; retrying in {} ms", subscription.id(), error, delayMs);
                if (pause(delayMs)) {
                    return Outcome.STOPPED;
                }
                continue;
            }
            String reason = attempt.retryable()
                    ? "gave up after " + attempts + " attempts in " + elapsedMs + " ms; last: " + attempt.describe()
                    : "permanent failure: " + attempt.describe() + " (only 5xx, 408, 429, timeouts and connection "
                            + "errors are retried; answer 2xx to accept)";
            LOG.warn("Webhook {}: {} for {}. Dead-lettered to {}; the receiver must fetch it from there or "
                            + "the ceremony state.", subscription.id(), reason, envelope.id(),
                    Topics.WEBHOOK_DEAD_LETTERS);
            String source = record.topic() + "/" + record.partition() + "@" + record.offset();
            int attemptsMade = attempts;
            if (!awaitAck(() -> store.deadLetter(subscription.id(), body, reason, source, envelope.id(), attemptsMade))) {
                return Outcome.STOPPED;
            }
            metrics.deadLettered();
            progress = progress.deadLettered(reason);
            return Outcome.DEAD_LETTERED;
        }
        return Outcome.STOPPED;
    }

    /**
     * Waits for an attempt. When the worker is told to stop, an answer is still awaited for {@link #STOP_GRACE_MS},
     * then the request is abandoned (null): the update stays unhandled and the next owner sends it again.
     */
    private WebhookSender.Attempt await(WebhookSender.InFlight inFlight) {
        CompletableFuture<WebhookSender.Attempt> result = inFlight.result().toCompletionStage().toCompletableFuture();
        while (true) {
            try {
                return result.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stopped() && System.nanoTime() - stopRequestedAt > TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS)) {
                    inFlight.abandon().run();
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inFlight.abandon().run();
                return null;
            } catch (ExecutionException e) {
                return new WebhookSender.Attempt(0, -1, String.valueOf(e.getCause()));
            }
        }
    }

    /** The 2xx is in: record it before touching the next update, retrying Kafka until it acknowledges. */
    private void saveBeforeMovingOn() {
        WebhookProgress toSave = progress;
        if (!awaitAck(() -> store.putProgress(toSave))) {
            LOG.warn("Webhook {}: stopped before its progress was saved; the next owner may repeat the last delivery "
                    + "(same Webhook-Id)", subscription.id());
        }
    }

    /**
     * True once Kafka acknowledged a write; a failed one (the producer already retried it for its delivery timeout)
     * is sent again until it lands. False if the worker was stopped and its grace ran out meanwhile.
     */
    private boolean awaitAck(Supplier<CompletableFuture<?>> write) {
        long backoffMs = 500;
        while (true) {
            try {
                write.get().get(30, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Webhook {}: Kafka did not acknowledge a write ({}); sending it again in {} ms",
                        subscription.id(), e.getCause() == null ? e : e.getCause().getMessage(), backoffMs);
                if (pause(backoffMs) && System.nanoTime() - stopRequestedAt
                        > TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS)) {
                    return false;
                }
                backoffMs = Math.min(backoffMs * 2, MAX_KAFKA_BACKOFF_MS);
            }
        }
    }

    private CeremonyUpdate decode(ConsumerRecord<String, byte[]> record) {
        try {
            CeremonyUpdate update = record.value() == null ? null : Json.read(record.value(), CeremonyUpdate.class);
            if (update != null && update.ceremony() != null && !update.changes().isEmpty()) {
                return update;
            }
        } catch (RuntimeException e) {
            // logged below
        }
        LOG.error("Webhook {}: skipped unreadable record {}-{}@{}; fix the producer", subscription.id(),
                record.topic(), record.partition(), record.offset());
        return null;
    }

    /** Sleeps unless stopped; true if the worker was told to stop. */
    private boolean pause(long millis) {
        try {
            return thread.pause(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Map<String, Object> consumerConfig() {
        return thread.committedReader(bootstrapServers, Map.of(
                // One update is delivered at a time; a small batch keeps little in memory per subscription.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
    }
}
