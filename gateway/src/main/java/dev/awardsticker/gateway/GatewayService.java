package dev.awardsticker.gateway;

import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.gateway.ws.ClientStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The gateway as one unit for {@link Main}, the launcher and tests: start it on a Vert.x instance, ask its port,
 * close it. Closing leaves the Vert.x instance running (it may host other services).
 */
public final class GatewayService {
    private final Vertx vertx;
    private final String deploymentId;
    private final GatewayVerticle verticle;
    private Future<Void> closing;

    private GatewayService(Vertx vertx, String deploymentId, GatewayVerticle verticle) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
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
        GatewayVerticle verticle = new GatewayVerticle(config, webhooks);
        return vertx.deployVerticle(verticle).map(id -> new GatewayService(vertx, id, verticle));
    }

    /** The port actually bound (the chosen one when the config said 0). */
    public int port() {
        return verticle.port();
    }

    /** How the WebSocket clients are keeping up: connections, queued frames, slow-client disconnects. */
    public Future<ClientStats> clientStats() {
        return verticle.clientStats();
    }

    /** Closes client sockets with 1001, stops the feed and the listener. Safe to call more than once. */
    public synchronized Future<Void> close() {
        if (closing == null) {
            closing = vertx.undeploy(deploymentId);
        }
        return closing;
    }
}
