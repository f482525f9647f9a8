package dev.awardsticker.gateway.http;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.view.AlertState;
import dev.awardsticker.gateway.view.CeremonyView;
import dev.awardsticker.gateway.view.LoopViews;
import dev.awardsticker.gateway.view.Snapshot;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Read-only JSON of the ceremonies, for whoever wants the current state with {@code curl} (see PROTOCOL.md, "REST").
 * Answers from the same views as the feeds, and takes the same token when tokens are required: it shows what a
 * subscription would.
 *
 * <p>Caching: every answer carries a weak {@code ETag} derived from the ceremony's {@code (epoch, seq)} (for the list,
 * from every listed ceremony's), with {@code Cache-Control: no-cache}, so a poller sends {@code If-None-Match} and
 * gets a bodyless 304 until something changed. Weak, because equal (epoch, seq) means the same state, not the same
 * bytes: another gateway version may write the JSON differently.
 */
public final class CeremonyApi {

    /** One line of {@code GET /api/ceremonies}. {@code title} is null until the definition has been seen. */
    public record CeremonySummary(String id, String title, long epoch, long seq) {}

    /** Latest tally per work, person and studio. */
    public record Tallies(String ceremony, long epoch, long seq, List<TallyUpdated> tallies) {}

    /** Every alert in the order raised; withdrawn ones stay, with {@code withdrawn} and {@code withdrawnReason}. */
    public record Alerts(String ceremony, long epoch, long seq, List<AlertState> alerts) {}

    private final LoopViews views;
    private final Supplier<String> feedStatus;
    private final AccessControl access;

    /** @param feedStatus what the feed is doing, told to callers while the views have not caught up */
    public CeremonyApi(LoopViews views, Supplier<String> feedStatus, AccessControl access) {
        this.views = views;
        this.feedStatus = feedStatus;
        this.access = access;
    }

    public void mount(Router router) {
        router.get("/api/ceremonies").handler(this::ceremonies);
        router.get("/api/ceremonies/:id").handler(ctx -> ceremony(ctx, snapshot -> snapshot));
        router.get("/api/ceremonies/:id/tallies").handler(ctx -> ceremony(ctx,
                s -> new Tallies(s.ceremony(), s.epoch(), s.seq(), s.state().tallies())));
        router.get("/api/ceremonies/:id/leaderboard").handler(ctx -> ceremony(ctx, Leaderboard::of));
        router.get("/api/ceremonies/:id/alerts").handler(ctx -> ceremony(ctx,
                s -> new Alerts(s.ceremony(), s.epoch(), s.seq(), s.state().alerts())));
    }

    /** The ceremonies the caller may see, most recently updated first. */
    private void ceremonies(RoutingContext ctx) {
        Grant grant = admit(ctx);
        if (grant == null) {
            return;
        }
        List<CeremonySummary> list = views.all().stream()
                .filter(v -> grant.allows(v.ceremony()))
                .map(v -> new CeremonySummary(v.ceremony(), v.title(), v.epoch(), v.lastSeq()))
                .toList();
        CRC32 crc = new CRC32();
        list.forEach(c -> crc.update((c.id() + '\u0000' + c.epoch() + ':' + c.seq() + '\u0000')
                .getBytes(StandardCharsets.UTF_8)));
        cached(ctx, "W/\"list-" + list.size() + "-" + Long.toHexString(crc.getValue()) + "\"", () -> list);
    }

    /** One view of one ceremony, as {@code body} makes it from the ceremony's snapshot. */
    private void ceremony(RoutingContext ctx, Function<Snapshot, Object> body) {
        Grant grant = admit(ctx);
        if (grant == null) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!grant.allows(id)) {
            Responses.forbidden(ctx, id);
            return;
        }
        CeremonyView view = views.find(id).orElse(null);
        if (view == null) {
            Responses.error(ctx, 404, "no ceremony '" + id + "' on this gateway: GET /api/ceremonies lists the known "
                    + "ones (a ceremony appears with its first update)");
            return;
        }
        cached(ctx, etag(view.epoch(), view.lastSeq()), () -> body.apply(view.snapshot()));
    }

    /** The caller's grant once it may be answered, or null once a 401 or 503 has been sent. */
    private Grant admit(RoutingContext ctx) {
        Grant grant = Responses.authenticate(ctx, access);
        if (grant != null && !views.caughtUp()) {
            Responses.unavailable(ctx, "catching up with Kafka (" + feedStatus.get() + ")");
            return null;
        }
        return grant;
    }

    /** 304 without a body when the caller holds {@code etag}, else 200 with the body (built only then). */
    private static void cached(RoutingContext ctx, String etag, Supplier<Object> body) {
        ctx.response()
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(Json.text(body.get()));
    }

    static String etag(long epoch, long seq) {
        return "W/\"" + epoch + "-" + seq + "\"";
    }

    /** If-None-Match uses the weak comparison (RFC 9110, 13.1.2): {@code W/} prefixes do not matter. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
