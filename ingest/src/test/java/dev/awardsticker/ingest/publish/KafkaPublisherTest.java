package dev.awardsticker.ingest.publish;

import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher's answers for every outcome of a write, with a producer that acks only when told. */
class KafkaPublisherTest {
    private static final String TOPIC = "ceremony-commands";
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private Vertx vertx;
    private MockProducer<String, byte[]> producer;
    private KafkaPublisher publisher;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        IngestConfig config = new IngestConfig("kafka:9092", "127.0.0.1", 0, Map.of("alice", "t"), TIMEOUT, 1024);
        publisher = new KafkaPublisher(vertx, config, List.of(TOPIC), producer, null);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void beforeKafkaWasReachedWritesAnswer503AtOnce() throws Exception {
        ApiError error = failure(publish());
        assertEquals(503, error.status());
        assertTrue(error.getMessage().startsWith("Kafka is unreachable"), error.getMessage());
        assertTrue(error.getMessage().contains("retry with the same eventId after 1 s"), error.getMessage());
        assertEquals(List.of(), producer.history());
    }

    @Test
    void answersOnceTheBrokerAcknowledgedWithTheEditorHeader() throws Exception {
        warmUp();
        CompletableFuture<RecordMetadata> written = publish();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertTrue(!written.isDone(), "answered before the broker acknowledged");
        producer.completeNext();
        assertEquals(TOPIC, written.get(5, TimeUnit.SECONDS).topic());
        assertEquals("alice", new String(producer.history().get(0).headers().lastHeader(KafkaHeaders.EDITOR).value(),
                StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), readiness());
    }

    @Test
    void noAcknowledgementWithinTheTimeoutIs503WithRetryAfter() throws Exception {
        warmUp();
        long start = System.nanoTime();
        ApiError error = failure(publish());
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, error.status());
        assertEquals("1", error.headers().get("Retry-After"));
        assertTrue(error.getMessage().contains("no acknowledgement within 300 ms"), error.getMessage());
        assertTrue(elapsedMs >= 250 && elapsedMs < 2000, "answered after " + elapsedMs + " ms");
        assertTrue(readiness().orElseThrow().contains("the last write to ceremony-commands failed"));
    }

    @Test
    void aFailedWriteIs503() throws Exception {
        warmUp();
        CompletableFuture<RecordMetadata> written = publish();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new NetworkException("broker gone"));
        ApiError error = failure(written);
        assertEquals(503, error.status());
        assertTrue(error.getMessage().contains("NetworkException: broker gone"), error.getMessage());
    }

    @Test
    void aRecordTooLargeForKafkaIs413() throws Exception {
        warmUp();
        CompletableFuture<RecordMetadata> written = publish();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("too big"));
        assertEquals(413, failure(written).status());
    }

    private void warmUp() {
        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> readiness().isEmpty());
    }

    private Optional<String> readiness() throws Exception {
        return onContext(publisher::readiness).get(5, TimeUnit.SECONDS);
    }

    /** Sends on a Vert.x context, as a route handler does. */
    private CompletableFuture<RecordMetadata> publish() {
        return onContext(() -> publisher.send(TOPIC, "c", new byte[]{1}, "alice", "retry with the same eventId"));
    }

    private <T> CompletableFuture<T> onContext(Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.runOnContext(v -> action.get().onComplete(r -> {
            if (r.succeeded()) {
                result.complete(r.result());
            } else {
                result.completeExceptionally(r.cause());
            }
        }));
        return result;
    }

    private static ApiError failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(ApiError.class, e.getCause());
        }
        throw new AssertionError("the write did not fail");
    }
}
