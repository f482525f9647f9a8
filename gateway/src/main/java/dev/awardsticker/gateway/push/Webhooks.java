package dev.awardsticker.gateway.push;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook feature as one unit for the gateway: {@link #mount} the admin API, {@link #start} the Kafka readers
 * and deliveries, {@link #stop} them. Deliveries never run on the event loop: Kafka is read and progress written on
 * threads of their own (one per owned subscription), HTTP goes through Vert.x's non-blocking client.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final Vertx vertx;
    private final WebhookConfig config;
    private final WebhookStore store;
    private final WebhookTable table;
    private final WebhookOwner owner;

    public Webhooks(Vertx vertx, String bootstrapServers, WebhookConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.store = new WebhookStore(bootstrapServers);
        this.table = new WebhookTable(bootstrapServers);
        this.owner = new WebhookOwner(bootstrapServers, config, store, vertx, new WebhookMetrics(registry));
        Gauge.builder("ticker.gateway.webhook.subscriptions.owned", owner, WebhookOwner::owned)
                .description("Webhook subscriptions this gateway delivers").register(registry);
    }

    /** Call before routes that match everything (the static dashboard). */
    public void mount(Router router) {
        new WebhookRoutes(new AdminAuth(config.adminTokens()), store, table).mount(router);
    }

    public void start() {
        if (!config.adminEnabled()) {
            LOG.info("Webhooks admin API disabled (GATEWAY_ADMIN_TOKENS unset); existing subscriptions are delivered");
        }
        store.open();
        table.start();
        owner.start();
    }

    /** Stops deliveries (an answer in flight gets a short grace) and the readers, off the event loop. */
    public Future<Void> stop() {
        return vertx.executeBlocking(() -> {
            owner.close();
            table.close();
            store.close();
            return null;
        });
    }
}
