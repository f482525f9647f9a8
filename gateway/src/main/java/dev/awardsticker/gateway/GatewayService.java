package dev.awardsticker.gateway;

import dev.awardsticker.gateway.hub.ClientStats;
import dev.awardsticker.gateway.push.WebhookConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as one unit for {@link Main}, the launcher and tests: start it on a Vert.x instance, ask its port,
 * close it. Closing leaves the Vert.x instance running (it may host other services).
 *
 * <p>It runs {@code GATEWAY_EVENT_LOOPS} event loops, each serving its share of the connections (see
 * {@link LoopVerticle}), around one shared core ({@link GatewayCore}).
 */
public final class GatewayService {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final Vertx vertx;
    private final String deploymentId;
    private final GatewayCore core;
    private Future<Void> closing;

    private GatewayService(Vertx vertx, String deploymentId, GatewayCore core) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.core = core;
    }

    /**
     * Starts listening at once and reads {@code ceremony-updates} in the background; {@code GET /ready} turns 200
     * when the views have caught up. Fails if the port cannot be bound; an unreachable Kafka is waited for.
     */
    public static Future<GatewayService> start(Vertx vertx, GatewayConfig config) {
        return start(vertx, config, WebhookConfig.defaults());
    }

    /** As {@link #start(Vertx, GatewayConfig)}, with webhook settings (admin tokens, retries; see PROTOCOL.md). */
    public static Future<GatewayService> start(Vertx vertx, GatewayConfig config, WebhookConfig webhooks) {
        GatewayCore core = new GatewayCore(vertx, config, webhooks);
        return vertx.deployVerticle(core::newLoop, new DeploymentOptions().setInstances(config.eventLoops()))
                .map(id -> {
                    core.allStarted();
                    return new GatewayService(vertx, id, core);
                });
    }

    /** The port actually bound (the chosen one when the config said 0). */
    public int port() {
        return core.loops().get(0).port();
    }

    /** How the WebSocket clients are keeping up (summed over the event loops, and clients per loop). */
    public Future<ClientStats> clientStats() {
        List<Future<ClientStats>> loops = core.loops().stream().map(LoopVerticle::clientStats).toList();
        return Future.all(loops).map(all -> ClientStats.sum(all.list()));
    }

    /**
     * The process's shutdown: {@link #close()}, then the Vert.x instance the gateway runs on.
     *
     * @return whether both finished in time (each is given 10 s)
     */
    public boolean closeWithVertx() {
        // Two awaits, not close().eventually(vertx::close): a future chained on a loop's context completes on that
        // loop, which Vert.x's close has already stopped, so the await would only end at its timeout.
        boolean clean = true;
        try {
            close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Gateway did not stop cleanly within 10 s ({}); closing Vert.x anyway", e.toString());
            clean = false;
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close within 10 s ({}); exiting anyway", e.toString());
            clean = false;
        }
        return clean;
    }

    /** Closes client sockets with 1001, stops the listeners, webhooks and the feed. Safe to call more than once. */
    public synchronized Future<Void> close() {
        if (closing == null) {
            closing = vertx.undeploy(deploymentId).eventually(core::stop);
        }
        return closing;
    }
}
