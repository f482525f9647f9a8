package dev.awardsticker.ingest;

import dev.awardsticker.contract.Topics;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.metrics.IngestMetrics;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.verdict.VerdictReader;
import dev.awardsticker.ingest.verdict.VerdictWaiters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The ingest service: editors' HTTP API in front of Kafka. Starts without waiting for Kafka (writes answer 503
 * and {@code GET /ready} says why until it answers). The caller owns {@code vertx}.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Vertx vertx;
    private final String deploymentId;
    private final IngestVerticle verticle;
    private final KafkaParts kafka;

    private IngestService(Vertx vertx, String deploymentId, IngestVerticle verticle, KafkaParts kafka) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
        this.kafka = kafka;
    }

    public static Future<IngestService> start(Vertx vertx, IngestConfig config) {
        // An early verdict is kept until its request can no longer be waiting for its write to be acknowledged.
        Duration retention = config.kafkaTimeout().plus(config.verdictTimeout());
        VerdictWaiters waiters = new VerdictWaiters(vertx, config.verdictTimeout(), retention);
        IngestMetrics metrics = new IngestMetrics();
        // Kafka clients do setup work in their constructors: keep it off the event loop.
        return vertx.executeBlocking(() -> new KafkaParts(
                        new KafkaPublisher(vertx, config,
                                List.of(Topics.CEREMONY_COMMANDS, Topics.CEREMONY_DEFINITIONS, Topics.AWARD_RECORDS),
                                metrics.produce()),
                        DefinitionCatalog.start(config.bootstrapServers(), config.kafkaTimeout()),
                        VerdictReader.start(config.bootstrapServers(), config.kafkaTimeout(), waiters),
                        waiters))
                .compose(kafka -> {
                    kafka.publisher.start();
                    IngestVerticle verticle = new IngestVerticle(config, kafka.publisher, kafka.catalog, kafka.verdicts,
                            kafka.waiters, metrics);
                    return vertx.deployVerticle(verticle)
                            .map(id -> new IngestService(vertx, id, verticle, kafka))
                            .recover(failed -> kafka.close(vertx).transform(closed -> Future.failedFuture(failed)));
                })
                .onSuccess(service -> LOG.info("Ingest listening on {}:{} ({})", config.host(), service.port(),
                        config));
    }

    /** The HTTP port, the actual one when the config asked for 0. */
    public int port() {
        return verticle.port();
    }

    /**
     * Answers the requests still waiting for a verdict (PENDING: their events are in Kafka) while their
     * connections are open, stops taking requests, then lets records in flight finish (up to the Kafka timeout)
     * and closes Kafka.
     */
    public Future<Void> close() {
        kafka.waiters.close();
        return vertx.undeploy(deploymentId)
                .eventually(() -> kafka.close(vertx));
    }

    private record KafkaParts(KafkaPublisher publisher, DefinitionCatalog catalog, VerdictReader verdicts,
                              VerdictWaiters waiters) {
        /** Closes all at once: each waits on its own bound when Kafka is gone, and shutdown should not add them up. */
        Future<Void> close(Vertx vertx) {
            waiters.close();  // again, for a failed start: closing twice is harmless
            return Future.join(List.of(
                    closing(vertx, publisher::close),
                    closing(vertx, catalog::close),
                    closing(vertx, verdicts::close))).mapEmpty();
        }

        private static Future<Void> closing(Vertx vertx, Runnable close) {
            return vertx.executeBlocking(() -> {
                close.run();
                return null;
            }, false);
        }
    }
}
