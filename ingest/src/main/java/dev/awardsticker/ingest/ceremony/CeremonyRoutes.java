package dev.awardsticker.ingest.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.metrics.IngestMetrics;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.verdict.EventAnswers;
import dev.awardsticker.ingest.verdict.EventPosition;
import dev.awardsticker.ingest.verdict.VerdictWaiters;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** {@code POST /ceremonies}, {@code GET /ceremonies}, {@code GET /ceremonies/:id}. */
public final class CeremonyRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CeremonyRoutes.class);

    static final String RETRY = "send the same definition again (it replaces the previous one with that id)";

    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;
    private final VerdictWaiters verdicts;
    private final Clock clock;

    public record Summary(String id, String title) {}

    public CeremonyRoutes(KafkaPublisher publisher, DefinitionCatalog catalog, VerdictWaiters verdicts, Clock clock) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    /**
     * Publishes the definition as a command on {@code ceremony-commands} (where the Streams app reads it, in order
     * with the wins), waits for its verdict like a win does, then, unless it was rejected, writes it to the
     * compacted {@code ceremony-definitions} and the catalog, so wins are checked against what the ticker holds.
     * A retry after a failure between the two writes is safe: the same definition again is answered DUPLICATE
     * and fills the catalog in.
     */
    public void define(RoutingContext ctx) {
        CeremonyDefinition definition = DefinitionParser.parse(JsonBody.read(ctx));
        if (!catalog.ready()) {
            // The history attached below must be all of it: half-read, it would judge the ceremony wrongly.
            throw ApiError.unavailable("Kafka is unreachable or ingest is still reading the awards' history from it ("
                    + catalog.notReadyReason().orElse("loading") + "): " + RETRY + " in a few seconds.", 1);
        }
        // The award's history before this ceremony travels in the command: the Streams app judges the night from
        // its one input, never from a cache of other ceremonies. Read up to now first: an import that just ended
        // must be in it.
        String editor = BearerAuth.editor(ctx);
        long ingestedAt = clock.millis();
        Future<DefinitionPosted> posted = Future.fromCompletionStage(catalog.historyCaughtUp(), ctx.vertx()
                        .getOrCreateContext())
                .timeout(Math.max(verdicts.timeout().toMillis(), 5000), java.util.concurrent.TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(ApiError.unavailable("The awards' history could not be read from"
                        + " Kafka in time (" + e.getMessage() + "): " + RETRY + " in a few seconds.", 1)))
                .map(v -> new DefinitionPosted(UUID.randomUUID().toString(), definition.id(), definition, ingestedAt,
                        editor, catalog.historyBefore(definition)));
        Future<Replies.Reply> answered = posted.compose(command -> publisher.send(Topics.CEREMONY_COMMANDS,
                        command.ceremony(), Json.bytes(command), command.editor(), RETRY)
                .compose(written -> {
                    EventPosition position = new EventPosition(written.partition(), written.offset());
                    return verdicts.await(position).compose(verdict -> {
                        // Throws the 409 for a rejected definition before the catalog hears of it.
                        Replies.Reply reply = EventAnswers.answer(command, position, verdict,
                                verdicts.timeout().toMillis());
                        return catalogue(command).map(reply);
                    });
                })
                .onSuccess(reply -> {
                    if (reply.body() instanceof EventAnswers.EventResult result
                            && result.status() == EventAnswers.Status.PENDING) {
                        ctx.put(IngestMetrics.PENDING, true);
                    }
                })
                .onComplete(done -> audit(command, done.succeeded() ? done.result().body() : done.cause())));
        Replies.reply(ctx, answered);
    }

    /** The definition on ceremony-definitions and, once acknowledged, in the catalog (read-your-writes). */
    private Future<Void> catalogue(DefinitionPosted command) {
        CeremonyDefinition definition = command.definition();
        return publisher.send(Topics.CEREMONY_DEFINITIONS, definition.id(), Json.bytes(definition), command.editor(),
                        RETRY)
                .map(written -> {
                    catalog.put(definition, written.offset());
                    return null;
                });
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

    /** One line per definition posted and its outcome, like the wins'. */
    private static void audit(DefinitionPosted command, Object outcome) {
        try (var ignored = ServiceLogging.event(command.ceremony(), command.eventId())) {
            String what = outcome instanceof EventAnswers.EventResult result
                    ? result.status() + (result.firstSeq() == null ? "" : " seq " + result.firstSeq())
                    : outcome instanceof Throwable error ? "refused: " + error.getMessage() : String.valueOf(outcome);
            LOG.info("DefinitionPosted by {} ({} categories): {}", command.editor(),
                    command.definition().categories().size(), what);
        }
    }
}
