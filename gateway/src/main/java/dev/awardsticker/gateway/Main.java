package dev.awardsticker.gateway;

import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.gateway.push.WebhookConfig;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Runs the gateway alone, configured from the environment (see {@link GatewayConfig}). */
public final class Main {
    static {
        // Standalone runs use the services' logging setup; embedded runs (the launcher) never load this class.
        ServiceLogging.useServiceConfig();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config;
        WebhookConfig webhooks;
        try {
            config = GatewayConfig.fromEnv();
            webhooks = WebhookConfig.fromEnv();
            // Reads the key files now, so a bad one is a configuration error naming the variable, not a failed start.
            dev.awardsticker.gateway.auth.JwtVerifier.create(config.jwtSecret(), config.jwtPublicKeyFile(),
                    config.jwtJwksFile());
        } catch (IllegalArgumentException e) {
            LOG.error("Bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        GatewayService gateway;
        try {
            gateway = GatewayService.start(vertx, config, webhooks).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("Gateway did not start: {}", e.getMessage());
            vertx.close().await(10, TimeUnit.SECONDS);
            System.exit(1);
            return;
        }
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        LOG.info("Gateway up: dashboard http://{}:{}/, WebSocket ws://{}:{}/ws, reading {}", host, gateway.port(),
                host, gateway.port(), config.kafkaBootstrapServers());
        // Clients closed with 1001 (they resume elsewhere), then the feed, webhooks and Vert.x itself.
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::closeWithVertx, "gateway-shutdown"));
    }
}
