package dev.awardsticker.ingest.win;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.metrics.IngestMetrics;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.verdict.EventAnswers;
import dev.awardsticker.ingest.verdict.EventPosition;
import dev.awardsticker.ingest.verdict.VerdictWaiters;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * {@code POST /ceremonies/:id/wins} and {@code POST /ceremonies/:id/corrections}. Checks the event against the
 * ceremony's definition and publishes it, keyed by ceremony, so the Streams app sees each ceremony's events in
 * the order Kafka stored them. Deciding duplicates and conflicts is its job, with no in-memory state here to
 * disagree with it: once Kafka has the event, the editor is answered with the Streams app's verdict on it.
 */
public final class WinRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WinRoutes.class);

    static final String RETRY = "send the same win again with the same eventId";
    static final String RETRY_CORRECTION = "send the same correction again with the same eventId";

    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;
    private final VerdictWaiters verdicts;
    private final Clock clock;

    public WinRoutes(KafkaPublisher publisher, DefinitionCatalog catalog, VerdictWaiters verdicts, Clock clock) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    public void announce(RoutingContext ctx) {
        WinRequest request = WinRequest.parse(JsonBody.read(ctx));
        CeremonyDefinition ceremony = catalog.require(ctx.pathParam("id"), RETRY);
        submit(ctx, request.announce(ceremony, BearerAuth.editor(ctx), clock.millis()), RETRY);
    }

    public void correct(RoutingContext ctx) {
        CorrectionRequest request = CorrectionRequest.parse(JsonBody.read(ctx));
        CeremonyDefinition ceremony = catalog.require(ctx.pathParam("id"), RETRY_CORRECTION);
        submit(ctx, request.event(ceremony, BearerAuth.editor(ctx), clock.millis()), RETRY_CORRECTION);
    }

    /** Publishes, then waits (without blocking) for the verdict on this very record, and answers with it. */
    private void submit(RoutingContext ctx, EditorEvent event, String retryHint) {
        Replies.reply(ctx, publisher.send(Topics.CEREMONY_COMMANDS, event.ceremony(), Json.bytes(event), event.editor(),
                        retryHint)
                .compose(written -> {
                    EventPosition position = new EventPosition(written.partition(), written.offset());
                    return verdicts.await(position).map(verdict -> EventAnswers.answer(event, position, verdict,
                            verdicts.timeout().toMillis()));
                })
                .onSuccess(reply -> {
                    if (reply.body() instanceof EventAnswers.EventResult result
                            && result.status() == EventAnswers.Status.PENDING) {
                        ctx.put(IngestMetrics.PENDING, true);
                    }
                })
                .onComplete(answered -> audit(event, answered.succeeded() ? answered.result().body() : answered.cause())));
    }

    /** One line per editor event and its outcome: who entered what, and what became of it. */
    private static void audit(EditorEvent event, Object outcome) {
        try (var ignored = ServiceLogging.event(event.ceremony(), event.eventId())) {
            String what = outcome instanceof EventAnswers.EventResult result
                    ? result.status() + (result.firstSeq() == null ? "" : " seq " + result.firstSeq())
                    : outcome instanceof Throwable error ? "refused: " + error.getMessage() : String.valueOf(outcome);
            LOG.info("{} by {}: {}", event.getClass().getSimpleName(), event.editor(), what);
        }
    }
}
