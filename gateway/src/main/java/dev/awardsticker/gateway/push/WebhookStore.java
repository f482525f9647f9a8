package dev.awardsticker.gateway.push;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Every Kafka write of the webhook feature, through one idempotent {@code acks=all} producer (thread-safe, shared by
 * the admin API and all delivery workers), and the two reads that must be exact: a subscription's last progress and
 * the current end of {@code ceremony-updates}.
 */
final class WebhookStore implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Admin admin;

    WebhookStore(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Creates the Kafka clients (they start threads): only once the gateway is up, so a failed start leaks none. */
    synchronized void open() {
        if (producer != null) {
            return;
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-webhooks",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // An admin request waits for this at most; a worker retries after it.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    CompletableFuture<RecordMetadata> putSubscription(WebhookSubscription subscription) {
        return send(new ProducerRecord<>(Topics.WEBHOOK_SUBSCRIPTIONS, subscription.id(), Json.bytes(subscription)));
    }

    /** Tombstones for the subscription and its progress; done (with the first one's metadata) when both are acknowledged. */
    CompletableFuture<RecordMetadata> deleteSubscription(String id) {
        CompletableFuture<RecordMetadata> subscription = send(new ProducerRecord<>(Topics.WEBHOOK_SUBSCRIPTIONS, id, null));
        CompletableFuture<RecordMetadata> progress = send(new ProducerRecord<>(Topics.WEBHOOK_PROGRESS,
                progressPartition(id), id, null));
        return subscription.thenCombine(progress, (s, p) -> s);
    }

    /** After a deleted subscription's worker stopped: a progress it wrote after the admin's tombstone must not linger. */
    CompletableFuture<RecordMetadata> deleteProgress(String id) {
        return send(new ProducerRecord<>(Topics.WEBHOOK_PROGRESS, progressPartition(id), id, null));
    }

    CompletableFuture<RecordMetadata> putProgress(WebhookProgress progress) {
        String id = progress.subscriptionId();
        return send(new ProducerRecord<>(Topics.WEBHOOK_PROGRESS, progressPartition(id), id, Json.bytes(progress)));
    }

    CompletableFuture<RecordMetadata> deadLetter(String subscriptionId, byte[] body, String reason, String source,
                                                 String webhookId, int attempts) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.WEBHOOK_DEAD_LETTERS, subscriptionId, body);
        record.headers()
                .add(new RecordHeader(KafkaHeaders.DEAD_LETTER_REASON, utf8(reason)))
                .add(new RecordHeader(KafkaHeaders.DEAD_LETTER_SOURCE, utf8(source)))
                .add(new RecordHeader(KafkaHeaders.WEBHOOK_ID, utf8(webhookId)))
                .add(new RecordHeader(KafkaHeaders.WEBHOOK_ATTEMPTS, utf8(String.valueOf(attempts))));
        return send(record);
    }

    /** Where {@code ceremony-updates} ends now, as a {@code read_committed} reader sees it: a new subscription starts there. */
    CompletableFuture<Map<Integer, Long>> updatesEnd() {
        return admin.describeTopics(List.of(Topics.CEREMONY_UPDATES)).allTopicNames().toCompletionStage()
                .thenCompose(topics -> {
                    Map<TopicPartition, OffsetSpec> latest = topics.get(Topics.CEREMONY_UPDATES).partitions().stream()
                            .collect(Collectors.toMap(p -> new TopicPartition(Topics.CEREMONY_UPDATES, p.partition()),
                                    p -> OffsetSpec.latest()));
                    return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                            .toCompletionStage();
                })
                .thenApply(offsets -> {
                    Map<Integer, Long> end = new HashMap<>();
                    offsets.forEach((partition, info) -> end.put(partition.partition(), info.offset()));
                    return end;
                })
                .toCompletableFuture();
    }

    /**
     * The subscription's last progress, read up to the end of its partition (blocking; worker threads only). Every
     * write a previous owner got acknowledged is below that end, so the new owner continues exactly there.
     */
    Optional<WebhookProgress> readProgress(String subscriptionId) {
        TopicPartition partition = new TopicPartition(Topics.WEBHOOK_PROGRESS, progressPartition(subscriptionId));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            WebhookProgress last = null;
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subscriptionId.equals(record.key())) {
                        last = record.value() == null ? null : Json.read(record.value(), WebhookProgress.class);
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /**
     * The partition the default partitioner would pick for the key, set explicitly so that {@link #readProgress}
     * knows which single partition to read.
     */
    static int progressPartition(String subscriptionId) {
        int partitions = Topics.spec(Topics.WEBHOOK_PROGRESS).orElseThrow().partitions();
        return Utils.toPositive(Utils.murmur2(utf8(subscriptionId))) % partitions;
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e); // metadata not available within max.block.ms
        }
        return acked;
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
