package dev.awardsticker.ingest.health;

import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.verdict.VerdictReader;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code GET /health} (the process answers) and {@code GET /ready} (it can serve writes and their verdicts now). */
public final class HealthRoutes {
    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;
    private final VerdictReader verdicts;

    public HealthRoutes(KafkaPublisher publisher, DefinitionCatalog catalog, VerdictReader verdicts) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.verdicts = verdicts;
    }

    public void health(RoutingContext ctx) {
        Replies.json(ctx, 200, Map.of("status", "UP"));
    }

    public void ready(RoutingContext ctx) {
        Replies.reply(ctx, 200, publisher.readiness().map(producerProblem -> {
            // Not ready until verdicts are read too: an event written before that would be answered PENDING.
            String reasons = Stream.of(catalog.notReadyReason(), verdicts.notReadyReason(), producerProblem)
                    .flatMap(Optional::stream).collect(Collectors.joining("; "));
            if (!reasons.isEmpty()) {
                throw ApiError.unavailable("Not ready: " + reasons + ". Ask again in a few seconds.", 1);
            }
            return Map.of("status", "READY");
        }));
    }
}
