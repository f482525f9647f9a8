package dev.awardsticker.ingest.publish;

import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.web.ApiError;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one Kafka producer of ingest. A write is answered only once the broker has acknowledged it (acks=all,
 * idempotent), or with 503 once it has waited {@link IngestConfig#kafkaTimeout()}.
 *
 * <p>{@code KafkaProducer.send} blocks its caller, up to {@code max.block.ms}, whenever it lacks a topic's
 * metadata: on first use, and again after the client re-bootstraps because it lost every broker. So producer
 * calls are handed from the event loop to one sender thread (which keeps their order), and the acknowledgement
 * comes back through the send callback as a promise completed on the request's Vert.x context.
 */
public final class KafkaPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final long WARM_UP_RETRY_MS = 1000;

    private final Vertx vertx;
    private final IngestConfig config;
    private final List<String> topics;
    private final Producer<String, byte[]> producer;
    private final Admin admin;
    private final int retryAfterSeconds;
    /** Send to acknowledgement of every acknowledged record; null: not measured. */
    private final Timer produceTime;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ingest-kafka-sender");
        thread.setDaemon(true);
        return thread;
    });
    /** Set once Kafka has answered; before that, writes answer 503 at once instead of waiting for nothing. */
    private volatile boolean reached;
    private volatile boolean closed;
    /** Why the producer is not usable now, or null. Set by failed writes, cleared by good ones or a probe. */
    private volatile String problem;

    /** Creates the Kafka clients (no network I/O yet); {@code topics} are those it will write to. */
    public KafkaPublisher(Vertx vertx, IngestConfig config, List<String> topics) {
        this(vertx, config, topics, null);
    }

    /** @param produceTime records the time from send to the broker's acknowledgement of each record, or null */
    public KafkaPublisher(Vertx vertx, IngestConfig config, List<String> topics, Timer produceTime) {
        this(vertx, config, topics, producer(config), probeAdmin(config), produceTime);
    }

    /** With given clients; {@code admin} may be null when readiness probes are not needed (tests). */
    KafkaPublisher(Vertx vertx, IngestConfig config, List<String> topics, Producer<String, byte[]> producer,
                   Admin admin) {
        this(vertx, config, topics, producer, admin, null);
    }

    KafkaPublisher(Vertx vertx, IngestConfig config, List<String> topics, Producer<String, byte[]> producer,
                   Admin admin, Timer produceTime) {
        this.produceTime = produceTime;
        this.vertx = vertx;
        this.config = config;
        this.topics = List.copyOf(topics);
        this.producer = producer;
        this.admin = admin;
        this.retryAfterSeconds = (int) Math.max(1, config.kafkaTimeout().toSeconds());
        this.problem = "no answer yet from " + config.bootstrapServers() + " since ingest started";
    }

    private static Producer<String, byte[]> producer(IngestConfig config) {
        int timeoutMs = (int) config.kafkaTimeout().toMillis();
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "ingest",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // An editor is waiting on every record: send at once rather than batch.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // The whole life of a write is bounded, so a dead broker gives a prompt 503 rather than a hang.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                // Ceremonies have long ad breaks: keep metadata rather than fetch it again for the next win.
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) Duration.ofDays(1).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Only for readiness probes after a failed write; quick, since a probe answers a health check. */
    private static Admin probeAdmin(IngestConfig config) {
        int probeTimeoutMs = (int) Math.min(config.kafkaTimeout().toMillis(), 1000);
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, probeTimeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, probeTimeoutMs));
    }

    /** Fetches the topics' metadata in the background, retrying until Kafka answers. */
    public void start() {
        Context context = vertx.getOrCreateContext();
        execute(() -> {
            String failure = null;
            try {
                for (String topic : topics) {
                    producer.partitionsFor(topic);
                }
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            String failed = failure;
            context.runOnContext(v -> warmedUp(failed));
        });
    }

    private void warmedUp(String failure) {
        if (closed) {
            return;
        }
        if (failure == null) {
            reached = true;
            problem = null;
            LOG.info("Kafka at {} is reachable; writing to {}", config.bootstrapServers(), topics);
            return;
        }
        String reason = "no answer yet from " + config.bootstrapServers() + " since ingest started: " + failure;
        if (!reason.equals(problem)) {
            LOG.warn("Kafka is not usable ({}). Are the brokers up and the contract topics created? Retrying every"
                    + " {} ms; writes answer 503 until then.", reason, WARM_UP_RETRY_MS);
        }
        problem = reason;
        vertx.setTimer(WARM_UP_RETRY_MS, id -> start());
    }

    /**
     * Writes one record and completes, on the caller's Vert.x context, once the broker acknowledged it. Fails
     * with an {@link ApiError}: 503 when Kafka did not acknowledge in time ({@code retryHint} says how to retry
     * safely), 413 when the record is too large for Kafka.
     */
    public Future<RecordMetadata> send(String topic, String key, byte[] value, String editor, String retryHint) {
        if (!reached) {
            return Future.failedFuture(unavailable(Objects.requireNonNullElse(problem, "starting"), retryHint));
        }
        Context context = Vertx.currentContext();
        Promise<RecordMetadata> acked = Promise.promise();
        Future<RecordMetadata> answer = acked.future().timeout(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaders.EDITOR, editor.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, value, headers);
        execute(() -> {
            if (answer.isComplete()) {
                // The editor has been told 503 already: don't write behind their back, they will retry.
                return;
            }
            try {
                // The callback runs on the producer's I/O thread: hand the outcome back to the request's context.
                long sentAt = System.nanoTime();
                producer.send(record, (metadata, error) -> {
                    if (error == null && produceTime != null) {
                        produceTime.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
                    }
                    onContext(context, () -> complete(acked, metadata, error));
                });
            } catch (RuntimeException e) {
                onContext(context, () -> acked.tryFail(e));
            }
        });
        return answer.transform(result -> result.succeeded() ? Future.succeededFuture(result.result())
                : Future.failedFuture(classify(topic, result.cause(), retryHint)));
    }

    /** Empty when the producer is usable; after a failed write, asks the cluster again rather than wait for a write. */
    public Future<Optional<String>> readiness() {
        String current = problem;
        if (current == null) {
            return Future.succeededFuture(Optional.empty());
        }
        if (!reached || admin == null) {
            return Future.succeededFuture(Optional.of("Kafka: " + current));
        }
        Promise<Optional<String>> answer = Promise.promise();
        Context context = vertx.getOrCreateContext();
        admin.describeTopics(topics).allTopicNames().whenComplete((names, error) -> onContext(context, () -> {
            if (error == null) {
                problem = null;
                answer.complete(Optional.empty());
            } else {
                answer.complete(Optional.of("Kafka: " + current + "; it still does not answer: " + error.getMessage()));
            }
        }));
        return answer.future();
    }

    /** Waits up to the Kafka timeout for records in flight, then closes. Blocking: call from a worker. */
    public void close() {
        closed = true;
        sender.shutdown();
        // Close wakes a sender blocked on metadata; records in flight get the timeout to be acknowledged.
        producer.close(config.kafkaTimeout());
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
        try {
            sender.awaitTermination(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(Runnable producerCall) {
        try {
            sender.execute(producerCall);
        } catch (RejectedExecutionException e) {
            LOG.debug("Ingest is closing: a Kafka call was dropped");
        }
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private void complete(Promise<RecordMetadata> acked, RecordMetadata metadata, Exception error) {
        if (error == null) {
            problem = null;
            acked.tryComplete(metadata);
        } else {
            acked.tryFail(error);
        }
    }

    private ApiError classify(String topic, Throwable error, String retryHint) {
        if (error instanceof RecordTooLargeException) {
            return ApiError.tooLarge("Kafka refused the record as too large (" + error.getMessage() + "): send a"
                    + " smaller body.");
        }
        // Our own deadline (java.util.concurrent) or the producer's (Kafka's TimeoutException).
        String cause = error instanceof TimeoutException || error instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no acknowledgement within " + config.kafkaTimeout().toMillis() + " ms"
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        problem = "the last write to " + topic + " failed: " + cause;
        LOG.warn("Write to {} failed, answering 503: {}", topic, cause);
        return unavailable(problem, retryHint);
    }

    private ApiError unavailable(String reason, String retryHint) {
        return ApiError.unavailable("Kafka is unreachable or did not confirm the write (" + reason + "). Nothing is"
                + " confirmed: " + retryHint + " after " + retryAfterSeconds + " s.", retryAfterSeconds);
    }
}
