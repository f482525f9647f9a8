package dev.awardsticker.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** One ingest service on a free port for a test class, an HTTP client for it, and a reader of its topics. */
public final class IngestFixture implements AutoCloseable {
    public static final String ALICE_TOKEN = "alice-test-token";
    public static final String BOB_TOKEN = "bob-test-token";
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final IngestService service;
    private final WebClient client;
    private final IngestConfig config;
    private KafkaConsumer<String, byte[]> consumer;

    private IngestFixture(Vertx vertx, IngestService service, IngestConfig config) {
        this.vertx = vertx;
        this.service = service;
        this.config = config;
        this.client = WebClient.create(vertx);
    }

    /**
     * Without the Streams app no verdict ever comes: by default events and definitions are answered PENDING at
     * once (verdict timeout 0) rather than after waiting for nothing.
     */
    public static IngestConfig config(String bootstrapServers, Duration kafkaTimeout) {
        return new IngestConfig(bootstrapServers, "127.0.0.1", 0, Map.of("alice", ALICE_TOKEN, "bob", BOB_TOKEN),
                kafkaTimeout, MAX_BODY_BYTES, Duration.ZERO);
    }

    /** Starts ingest without waiting for it to be ready. */
    public static IngestFixture start(IngestConfig config) {
        Vertx vertx = Vertx.vertx();
        return new IngestFixture(vertx, result(IngestService.start(vertx, config)), config);
    }

    /** Starts ingest on {@code bootstrapServers} and waits until {@code GET /ready} says 200. */
    public static IngestFixture startReady(String bootstrapServers) {
        return startReady(config(bootstrapServers, Duration.ofSeconds(5)));
    }

    public static IngestFixture startReady(IngestConfig config) {
        IngestFixture fixture = start(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get("/ready").statusCode() == 200);
        return fixture;
    }

    public Vertx vertx() {
        return vertx;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    public HttpResponse<Buffer> get(String path) {
        return result(client.get(service.port(), "127.0.0.1", path).send());
    }

    /** A JSON write as alice. */
    public HttpResponse<Buffer> post(String path, String json) {
        return result(postAsync(path, json));
    }

    /** A JSON write as alice, answered later. */
    public Future<HttpResponse<Buffer>> postAsync(String path, String json) {
        return client.post(service.port(), "127.0.0.1", path).putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "Bearer " + ALICE_TOKEN).sendBuffer(Buffer.buffer(json));
    }

    /** A write with any content type and token (null: header left out). */
    public HttpResponse<Buffer> post(String path, String contentType, String token, Buffer body) {
        HttpRequest<Buffer> request = client.post(service.port(), "127.0.0.1", path);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return result(request.sendBuffer(body));
    }

    /** End offsets of every partition of {@code topics}: a write shows as a change. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer().partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))).toList();
        return consumer().endOffsets(partitions);
    }

    /** The record at a position the service reported. */
    public ConsumerRecord<String, byte[]> recordAt(String topic, int partition, long offset) {
        return records(new TopicPartition(topic, partition), offset, r -> r.offset() == offset, 1).get(0);
    }

    /** Waits for {@code count} records of {@code topic} matching {@code match}, in log order per partition. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                        int count) {
        List<TopicPartition> partitions = consumer().partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer().assign(partitions);
        consumer().seekToBeginning(partitions);
        return poll(match, count);
    }

    private List<ConsumerRecord<String, byte[]>> records(TopicPartition partition, long from,
                                                         Predicate<ConsumerRecord<String, byte[]>> match, int count) {
        consumer().assign(List.of(partition));
        consumer().seek(partition, from);
        return poll(match, count);
    }

    private List<ConsumerRecord<String, byte[]>> poll(Predicate<ConsumerRecord<String, byte[]>> match, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer().poll(Duration.ofMillis(100)).forEach(r -> {
                if (match.test(r)) {
                    found.add(r);
                }
            });
            return found.size() >= count;
        });
        return found;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer in 30 s", e);
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        client.close();
        result(service.close());
        result(vertx.close());
    }
}
