package dev.awardsticker.ingest;

import dev.awardsticker.contract.Topics;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;

    private IngestService(Vertx vertx, String deploymentId, IngestVerticle verticle, KafkaPublisher publisher,
                          DefinitionCatalog catalog) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
        this.publisher = publisher;
        this.catalog = catalog;
    }

    public static Future<IngestService> start(Vertx vertx, IngestConfig config) {
        // Kafka clients do setup work in their constructors: keep it off the event loop.
        return vertx.executeBlocking(() -> new KafkaParts(
                        new KafkaPublisher(vertx, config,
                                List.of(Topics.CEREMONY_DEFINITIONS, Topics.CEREMONY_WINS, Topics.AWARD_RECORDS)),
                        DefinitionCatalog.start(config.bootstrapServers(), config.kafkaTimeout())))
                .compose(kafka -> {
                    kafka.publisher.start();
                    IngestVerticle verticle = new IngestVerticle(config, kafka.publisher, kafka.catalog);
                    return vertx.deployVerticle(verticle)
                            .map(id -> new IngestService(vertx, id, verticle, kafka.publisher, kafka.catalog))
                            .recover(failed -> kafka.close(vertx).transform(closed -> Future.failedFuture(failed)));
                })
                .onSuccess(service -> LOG.info("Ingest listening on {}:{} ({})", config.host(), service.port(),
                        config));
    }

    /** The HTTP port, the actual one when the config asked for 0. */
    public int port() {
        return verticle.port();
    }

    /** Stops taking requests, then lets records in flight finish (up to the Kafka timeout) and closes Kafka. */
    public Future<Void> close() {
        return vertx.undeploy(deploymentId)
                .eventually(() -> new KafkaParts(publisher, catalog).close(vertx));
    }

    private record KafkaParts(KafkaPublisher publisher, DefinitionCatalog catalog) {
        /** Closes both at once: each waits on its own bound when Kafka is gone, and shutdown should not add them up. */
        Future<Void> close(Vertx vertx) {
            return Future.join(
                    vertx.executeBlocking(() -> {
                        publisher.close();
                        return null;
                    }, false),
                    vertx.executeBlocking(() -> {
                        catalog.close();
                        return null;
                    }, false)).mapEmpty();
        }
    }
}
