package dev.awardsticker.ingest;

import dev.awardsticker.contract.ServiceLogging;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Runs the ingest service from the environment (see {@link IngestConfig}) until the process is stopped. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        ServiceLogging.useServiceConfig(); // before the first logger
        Logger log = LoggerFactory.getLogger(Main.class);
        IngestConfig config;
        try {
            config = IngestConfig.fromEnv();
        } catch (IllegalArgumentException e) {
            System.err.println("ingest will not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        IngestService service;
        try {
            service = IngestService.start(vertx, config).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("ingest could not start: {}", e.getMessage(), e);
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down ingest");
            long boundMs = config.kafkaTimeout().toMillis() + 5_000;
            try {
                service.close().await(boundMs, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("ingest did not close within {} ms: {}", boundMs, e.toString());
            }
            try {
                vertx.close().await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Vert.x did not close within 5 s: {}", e.toString());
            }
        }, "ingest-shutdown"));
    }
}
