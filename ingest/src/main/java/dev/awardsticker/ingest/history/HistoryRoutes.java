package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.Replies;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-only views of an award's history, folded from {@code award-history} (what went through the ticker):
 * {@code GET /history/:award/records} (each record with its holders over time), {@code GET /history/:award/subjects?name=}
 * (find films, people, companies) and {@code GET /history/:award/subjects/:id} (one's all-time standing and the records
 * it holds or held).
 */
public final class HistoryRoutes {
    /** A record now, and every value it took before, oldest first. */
    public record RecordView(String record, int value, List<RecordHolder> holders, List<RecordReference> timeline) {}

    /** A subject's all-time standing, and each record it holds now or held at some point. */
    public record SubjectView(HistoryLedger.Career career, List<String> holds, List<String> held) {}

    private final DefinitionCatalog catalog;

    public HistoryRoutes(DefinitionCatalog catalog) {
        this.catalog = catalog;
    }

    public void records(RoutingContext ctx) {
        HistoryLedger ledger = ledger(ctx);
        List<RecordView> views = new ArrayList<>();
        ledger.records().forEach((name, now) -> views.add(new RecordView(name, now.value(), now.holders(),
                ledger.timeline(name))));
        Replies.json(ctx, 200, views);
    }

    public void find(RoutingContext ctx) {
        String name = ctx.queryParams().get("name");
        if (name == null || name.isBlank()) {
            throw new ApiError(400, "Say whom to find: ?name=streep (part of a name, case ignored).", "name",
                    java.util.Map.of());
        }
        Replies.json(ctx, 200, ledger(ctx).find(name.strip()).stream().limit(50).toList());
    }

    public void subject(RoutingContext ctx) {
        HistoryLedger ledger = ledger(ctx);
        String id = ctx.pathParam("id");
        HistoryLedger.Career career = ledger.career(id).orElseThrow(() -> ApiError.notFound("No film, person or"
                + " company '" + id + "' in the history of " + ledger.award() + ": find one with GET /history/"
                + ledger.award() + "/subjects?name=..."));
        List<String> holds = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String record : HistoryLedger.RECORDS) {
            if (ledger.records().containsKey(record) && holds(ledger.records().get(record), id)) {
                holds.add(record);
            } else if (ledger.timeline(record).stream().anyMatch(r -> holds(r, id))) {
                held.add(record);
            }
        }
        Replies.json(ctx, 200, new SubjectView(career, holds, held));
    }

    private static boolean holds(RecordReference record, String id) {
        return record.holders().stream().anyMatch(h -> id.equals(h.id()));
    }

    private HistoryLedger ledger(RoutingContext ctx) {
        if (!catalog.ready()) {
            throw ApiError.unavailable("The awards' history is still loading from Kafka: ask again in a few"
                    + " seconds.", 1);
        }
        String award = ctx.pathParam("award");
        HistoryLedger ledger = catalog.histories().get(award);
        if (ledger == null) {
            throw ApiError.notFound("No history of award '" + award + "': import one (replay.jar history) or check"
                    + " the id; awards with a history: " + catalog.histories().keySet() + ".");
        }
        return ledger;
    }
}
