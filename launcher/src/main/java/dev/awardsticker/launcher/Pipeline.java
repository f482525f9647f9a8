package dev.awardsticker.launcher;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole ticker in one process: a broker (embedded unless one is given), the topics, the Streams app,
 * the gateway and ingest, each started exactly as its own Main would start it.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param bootstrapServers an external broker, or null for an embedded one
     * @param ingestPort       0 picks a free port (tests)
     * @param gatewayPort      0 picks a free port (tests)
     * @param applicationId    Streams application id; unique per run when several share a broker
     * @param kafkaPort        the embedded broker's port when {@code bootstrapServers} is null (0: a free one)
     */
    public record Settings(String bootstrapServers, int ingestPort, int gatewayPort, String applicationId,
                           String editor, String token, int kafkaPort) {
        /** An embedded broker, if any, on a free port (tests). */
        public Settings(String bootstrapServers, int ingestPort, int gatewayPort, String applicationId, String editor,
                        String token) {
            this(bootstrapServers, ingestPort, gatewayPort, applicationId, editor, token, 0);
        }
    }

    private final EmbeddedKafka kafka;
    private final String bootstrapServers;
    private final TickerStreams streams;
    private final Vertx vertx;
    private final GatewayService gateway;
    private final IngestService ingest;

    private Pipeline(EmbeddedKafka kafka, String bootstrapServers, TickerStreams streams, Vertx vertx,
                     GatewayService gateway, IngestService ingest) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.streams = streams;
        this.vertx = vertx;
        this.gateway = gateway;
        this.ingest = ingest;
    }

    public static Pipeline start(Settings settings) throws InterruptedException {
        return start(settings, WebhookConfig.defaults());
    }

    /** With webhook settings of its own, e.g. admin tokens so that subscriptions can be made. */
    public static Pipeline start(Settings settings, WebhookConfig webhooks) throws InterruptedException {
        EmbeddedKafka kafka = settings.bootstrapServers() == null ? embedded(settings.kafkaPort()) : null;
        String bootstrap = kafka != null ? kafka.bootstrapServers() : settings.bootstrapServers();
        TopicSetup.ensureTopics(bootstrap, (short) 1);
        TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, settings.applicationId(),
                tempDir("awards-ticker-streams-"), StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS, 1, -1).withHttpPort(0));
        Vertx vertx = Vertx.vertx();
        try {
            GatewayService gateway = await(GatewayService.start(vertx, GatewayConfig.of(bootstrap, settings.gatewayPort()), webhooks),
                    "start the gateway on port " + settings.gatewayPort() + " (set GATEWAY_PORT to use another)");
            IngestService ingest = await(IngestService.start(vertx, new IngestConfig(bootstrap, "0.0.0.0",
                            settings.ingestPort(), Map.of(settings.editor(), settings.token()), Duration.ofSeconds(5),
                            1024 * 1024)),
                    "start ingest on port " + settings.ingestPort() + " (set INGEST_PORT to use another)");
            streams.awaitRunning(START_TIMEOUT);
            return new Pipeline(kafka, bootstrap, streams, vertx, gateway, ingest);
        } catch (RuntimeException | InterruptedException e) {
            vertx.close();
            streams.close();
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    private static EmbeddedKafka embedded(int port) {
        if (port > 0) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " for the embedded Kafka broker is in use (another"
                        + " broker or launcher?); set EMBEDDED_KAFKA_PORT to use another, or KAFKA_BOOTSTRAP_SERVERS to use that"
                        + " broker");
            }
        }
        return EmbeddedKafka.start(tempDir("awards-ticker-kafka-"), true, port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int gatewayPort() {
        return gateway.port();
    }

    /** Port of the Streams app's {@code /health}, {@code /ready} and {@code /metrics}. */
    public int streamsHttpPort() {
        return streams.port();
    }

    public String ingestUrl() {
        return "http://localhost:" + ingest.port();
    }

    public TickerStreams streams() {
        return streams;
    }

    /** Stops in reverse order: no new input first, the broker last. */
    @Override
    public void close() {
        try {
            await(ingest.close(), "close ingest");
            await(gateway.close(), "close the gateway");
            await(vertx.close(), "close Vert.x");
        } catch (RuntimeException e) {
            LOG.warn("A service did not close cleanly: {}", e.getMessage());
        } finally {
            streams.close();
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out trying to " + what, e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder (" + prefix + "...)", e);
        }
    }
}
