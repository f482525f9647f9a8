package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.history.HistoryViews;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.ext.web.RoutingContext;

/**
 * Read-only views of an award's history, folded from {@code award-history} (what went through the ticker):
 * {@code GET /history/:award/records} (each record with its holders over time), {@code GET /history/:award/subjects?name=}
 * (find films, people, companies) and {@code GET /history/:award/subjects/:id} (one's all-time standing and the records
 * it holds or held). The views themselves are {@link HistoryViews}, shared with the gateway.
 */
public final class HistoryRoutes {
    private final DefinitionCatalog catalog;

    public HistoryRoutes(DefinitionCatalog catalog) {
        this.catalog = catalog;
    }

    public void records(RoutingContext ctx) {
        Replies.json(ctx, 200, HistoryViews.records(ledger(ctx)));
    }

    public void find(RoutingContext ctx) {
        String name = ctx.queryParams().get("name");
        if (name == null || name.isBlank()) {
            throw new ApiError(400, "Say whom to find: ?name=streep (part of a name, case ignored).", "name",
                    java.util.Map.of());
        }
        Replies.json(ctx, 200, HistoryViews.find(ledger(ctx), name));
    }

    public void subject(RoutingContext ctx) {
        HistoryLedger ledger = ledger(ctx);
        String id = ctx.pathParam("id");
        Replies.json(ctx, 200, HistoryViews.subject(ledger, id).orElseThrow(() -> ApiError.notFound("No film,"
                + " person or company '" + id + "' in the history of " + ledger.award() + ": find one with GET"
                + " /history/" + ledger.award() + "/subjects?name=...")));
    }

    private HistoryLedger ledger(RoutingContext ctx) {
        if (!catalog.ready()) {
            throw ApiError.unavailable("The awards' history is still loading from Kafka: ask again in a few"
                    + " seconds.", 1);
        }
        String award = ctx.pathParam("award");
        // Folded per request, this award's ceremonies only: a view, so a ceremony written a moment ago is in it.
        HistoryLedger ledger = catalog.history(award);
        if (ledger == null) {
            throw ApiError.notFound("No history of award '" + award + "': import one (replay.jar history) or check"
                    + " the id; awards with a history: " + catalog.awards() + ".");
        }
        return ledger;
    }
}
