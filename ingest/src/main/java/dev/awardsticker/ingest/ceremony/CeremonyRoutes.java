package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code POST /ceremonies}, {@code GET /ceremonies}, {@code GET /ceremonies/:id}. */
public final class CeremonyRoutes {
    static final String RETRY = "send the same definition again (it replaces the previous one with that id)";

    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;

    public record Summary(String id, String title) {}

    public record Accepted(String ceremony, String topic, int partition, long offset) {}

    public CeremonyRoutes(KafkaPublisher publisher, DefinitionCatalog catalog) {
        this.publisher = publisher;
        this.catalog = catalog;
    }

    public void define(RoutingContext ctx) {
        CeremonyDefinition definition = DefinitionParser.parse(JsonBody.read(ctx));
        Future<Accepted> accepted = publisher.send(Topics.CEREMONY_DEFINITIONS, definition.id(),
                        Json.bytes(definition), BearerAuth.editor(ctx), RETRY)
                .map(written -> {
                    catalog.put(definition, written.offset());
                    return new Accepted(definition.id(), written.topic(), written.partition(), written.offset());
                });
        Replies.reply(ctx, 202, accepted);
    }

    public void list(RoutingContext ctx) {
        if (!catalog.ready()) {
            throw ApiError.unavailable("Ceremony definitions are still loading from Kafka: ask again in a few"
                    + " seconds.", 1);
        }
        List<Summary> summaries = catalog.all().stream().map(d -> new Summary(d.id(), d.title())).toList();
        Replies.json(ctx, 200, summaries);
    }

    public void get(RoutingContext ctx) {
        Replies.json(ctx, 200, catalog.require(ctx.pathParam("id"), "ask again"));
    }
}
