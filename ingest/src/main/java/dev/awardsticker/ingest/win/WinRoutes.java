package dev.awardsticker.ingest.win;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;

/**
 * {@code POST /ceremonies/:id/wins}. Checks the win against the ceremony's definition and publishes it, keyed by
 * ceremony, so the Streams app sees each ceremony's events in the order Kafka stored them; deciding duplicates
 * and conflicts is its job, with no in-memory state here to disagree with it.
 */
public final class WinRoutes {
    static final String RETRY = "send the same win again with the same eventId";

    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;
    private final Clock clock;

    public record Accepted(String eventId, String ceremony, int partition, long offset, long ingestedAt) {}

    public WinRoutes(KafkaPublisher publisher, DefinitionCatalog catalog, Clock clock) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.clock = clock;
    }

    public void announce(RoutingContext ctx) {
        WinRequest request = WinRequest.parse(JsonBody.read(ctx));
        CeremonyDefinition ceremony = catalog.require(ctx.pathParam("id"), RETRY);
        WinAnnounced event = request.announce(ceremony, BearerAuth.editor(ctx), clock.millis());
        Replies.reply(ctx, 202, publisher.send(Topics.CEREMONY_WINS, ceremony.id(), Json.bytes(event),
                        event.editor(), RETRY)
                .map(written -> new Accepted(event.eventId(), event.ceremony(), written.partition(),
                        written.offset(), event.ingestedAt())));
    }
}
