package dev.awardsticker.ingest;

import dev.awardsticker.ingest.auth.BearerAuth;
import dev.awardsticker.ingest.auth.EditorTokens;
import dev.awardsticker.ingest.ceremony.CeremonyRoutes;
import dev.awardsticker.ingest.ceremony.DefinitionCatalog;
import dev.awardsticker.ingest.health.HealthRoutes;
import dev.awardsticker.ingest.metrics.IngestMetrics;
import dev.awardsticker.ingest.publish.KafkaPublisher;
import dev.awardsticker.ingest.records.RecordRoutes;
import dev.awardsticker.ingest.verdict.VerdictReader;
import dev.awardsticker.ingest.verdict.VerdictWaiters;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.JsonBody;
import dev.awardsticker.ingest.web.OpenApi;
import dev.awardsticker.ingest.web.Replies;
import dev.awardsticker.ingest.win.WinRoutes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The HTTP side: routes to the feature handlers and one JSON failure handler. */
final class IngestVerticle extends VerticleBase {
    private final IngestConfig config;
    private final KafkaPublisher publisher;
    private final DefinitionCatalog catalog;
    private final VerdictReader verdicts;
    private final VerdictWaiters waiters;
    private final BearerAuth auth;
    private final IngestMetrics metrics;
    private HttpServer server;

    IngestVerticle(IngestConfig config, KafkaPublisher publisher, DefinitionCatalog catalog, VerdictReader verdicts,
                   VerdictWaiters waiters) {
        this(config, publisher, catalog, verdicts, waiters, new IngestMetrics());
    }

    IngestVerticle(IngestConfig config, KafkaPublisher publisher, DefinitionCatalog catalog, VerdictReader verdicts,
                   VerdictWaiters waiters, IngestMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.publisher = publisher;
        this.catalog = catalog;
        this.verdicts = verdicts;
        this.waiters = waiters;
        this.auth = new BearerAuth(new EditorTokens(config.editorTokens()));
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router(vertx))
                .listen()
                .onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    int port() {
        return server.actualPort();
    }

    /** Every route of the API; package-private so a test can hold the API description against it. */
    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        CeremonyRoutes ceremonies = new CeremonyRoutes(publisher, catalog, waiters, Clock.systemUTC());
        WinRoutes wins = new WinRoutes(publisher, catalog, waiters, Clock.systemUTC());
        RecordRoutes records = new RecordRoutes(publisher);
        HealthRoutes health = new HealthRoutes(publisher, catalog, verdicts);

        router.get("/health").handler(health::health);
        router.get("/ready").handler(health::ready);
        router.get("/metrics").handler(metrics::scrape);
        router.get(OpenApi.PATH).handler(OpenApi.handler());
        router.get("/ceremonies").handler(ceremonies::list);
        router.get("/ceremonies/:id").handler(ceremonies::get);
        dev.awardsticker.ingest.history.HistoryRoutes history = new dev.awardsticker.ingest.history.HistoryRoutes(catalog);
        router.get("/history/:award/records").handler(history::records);
        router.get("/history/:award/subjects").handler(history::find);
        router.get("/history/:award/subjects/:id").handler(history::subject);
        write(router, "/ceremonies", IngestMetrics.TYPE_DEFINITION, ceremonies::define);
        write(router, "/ceremonies/:id/wins", IngestMetrics.TYPE_WIN, wins::announce);
        write(router, "/ceremonies/:id/corrections", IngestMetrics.TYPE_CORRECTION, wins::correct);
        write(router, "/records", IngestMetrics.TYPE_RECORDS, records::seed);

        router.route().failureHandler(Replies.failureHandler(config.maxBodyBytes()));
        String routes = String.join(", ", routes(router)) + " (described in GET " + OpenApi.PATH + ")";
        router.errorHandler(404, ctx -> Replies.error(ctx, ApiError.notFound("No such resource: "
                + ctx.request().method() + " " + ctx.request().path() + ". Routes: " + routes + ".")));
        router.errorHandler(405, ctx -> Replies.error(ctx, new ApiError(405, ctx.request().method() + " is not"
                + " allowed on " + ctx.request().path() + ". Routes: " + routes + ".", null, Map.of())));
        return router;
    }

    /** "METHOD path" of every route with a path, in registration order, read from the router itself. */
    static List<String> routes(Router router) {
        return router.getRoutes().stream().filter(route -> route.getPath() != null)
                .flatMap(route -> route.methods().stream().map(method -> method.name() + " " + route.getPath()))
                .toList();
    }

    /**
     * A write: the size limit (Vert.x Web runs body handlers before any user handler; a declared length over the
     * limit is refused before reading), the editor's token, JSON only, and then the feature's handler. Counted
     * first, so every answer (a 401 or 413 too) is counted under {@code type}.
     */
    private void write(Router router, String path, String type, Handler<RoutingContext> handler) {
        router.post(path)
                .handler(metrics.counting(type))
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(auth)
                .handler(JsonBody.requireJson())
                .handler(handler);
    }
}
