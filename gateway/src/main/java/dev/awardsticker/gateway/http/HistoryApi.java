package dev.awardsticker.gateway.http;

import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.history.HistoryViews;
import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.history.HistoryReader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;

/**
 * Read-only JSON of the awards' history as {@code award-history} holds it (see PROTOCOL.md, "History"): each record
 * with its holders over time, and a film's, person's or company's all-time standing. The same views as ingest's
 * {@code /history/...} ({@link HistoryViews}), served here so the dashboard can link an alert to its record without
 * knowing where ingest runs. Takes the same token as the ceremonies when tokens are required; the history belongs to
 * no ceremony, so any valid token may read it.
 */
public final class HistoryApi {
    private final HistoryReader history;
    private final AccessControl access;

    public HistoryApi(HistoryReader history, AccessControl access) {
        this.history = history;
        this.access = access;
    }

    public void mount(Router router) {
        router.get("/api/history/:award/records").handler(this::records);
        router.get("/api/history/:award/subjects").handler(this::find);
        router.get("/api/history/:award/subjects/:id").handler(this::subject);
    }

    /** Every record, or with {@code ?record=} only that one (how the dashboard links an alert to its record). */
    private void records(RoutingContext ctx) {
        HistoryLedger ledger = admit(ctx);
        if (ledger == null) {
            return;
        }
        String record = ctx.queryParams().get("record");
        if (record == null) {
            Responses.json(ctx, 200, HistoryViews.records(ledger));
            return;
        }
        HistoryViews.record(ledger, record).ifPresentOrElse(view -> Responses.json(ctx, 200, List.of(view)),
                () -> error(ctx, 404, "record", "no record '" + record + "' in the history of " + ledger.award()
                        + ": it was never set there; the records are " + HistoryLedger.RECORDS));
    }

    private void find(RoutingContext ctx) {
        HistoryLedger ledger = admit(ctx);
        if (ledger == null) {
            return;
        }
        String name = ctx.queryParams().get("name");
        if (name == null || name.isBlank()) {
            error(ctx, 400, "name", "say whom to find: ?name=streep (part of a name, case ignored)");
            return;
        }
        Responses.json(ctx, 200, HistoryViews.find(ledger, name));
    }

    private void subject(RoutingContext ctx) {
        HistoryLedger ledger = admit(ctx);
        if (ledger == null) {
            return;
        }
        String id = ctx.pathParam("id");
        HistoryViews.subject(ledger, id).ifPresentOrElse(view -> Responses.json(ctx, 200, view),
                () -> error(ctx, 404, "id", "no film, person or company '" + id + "' in the history of "
                        + ledger.award() + ": find one with GET /api/history/" + ledger.award() + "/subjects?name=..."));
    }

    /** The award's ledger once the caller may be answered, or null once a 401, 503 or 404 has been sent. */
    private HistoryLedger admit(RoutingContext ctx) {
        if (Responses.authenticate(ctx, access) == null) {
            return null;
        }
        if (!history.caughtUp()) {
            Responses.unavailable(ctx, "reading the awards' history from Kafka (" + history.status() + ")");
            return null;
        }
        String award = ctx.pathParam("award");
        HistoryLedger ledger = history.ledger(award).orElse(null);
        if (ledger == null) {
            error(ctx, 404, "award", "no history of award '" + award + "' (import one with replay.jar history); awards"
                    + " with a history: " + history.awards());
        }
        return ledger;
    }

    /** The usual {@code {"error":..}}, naming the request parameter that was wrong. */
    private static void error(RoutingContext ctx, int status, String parameter, String message) {
        Responses.json(ctx, status, Map.of("error", message, "parameter", parameter));
    }
}
