package dev.awardsticker.gateway;

import java.util.Map;
import java.util.function.Function;

/**
 * Everything the gateway can be told, read from the environment by {@link #fromEnv()} or built directly by tests
 * and the launcher.
 *
 * @param kafkaBootstrapServers where {@code ceremony-updates} is read from
 * @param host                  interface the HTTP/WebSocket server binds to
 * @param port                  HTTP port; 0 picks a free one (see {@link GatewayService#port()})
 * @param resumeBuffer          recent updates kept per ceremony so a reconnecting client can resume without a snapshot
 * @param heartbeatMs           interval of server pings; a client silent for three intervals is disconnected
 */
public record GatewayConfig(String kafkaBootstrapServers, String host, int port, int resumeBuffer, long heartbeatMs) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RESUME_BUFFER = 10_000;
    public static final long DEFAULT_HEARTBEAT_MS = 15_000;

    public GatewayConfig {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(),
                "KAFKA_BOOTSTRAP_SERVERS must name at least one broker, e.g. localhost:9092");
        require(host != null && !host.isBlank(), "GATEWAY_HOST must be an interface address, e.g. 0.0.0.0");
        require(port >= 0 && port <= 65_535, "GATEWAY_PORT must be 0..65535 (0 picks a free port), was " + port);
        require(resumeBuffer >= 1, "GATEWAY_RESUME_BUFFER must be at least 1, was " + resumeBuffer);
        require(heartbeatMs >= 10, "GATEWAY_HEARTBEAT_MS must be at least 10, was " + heartbeatMs);
    }

    /** Defaults everywhere except the broker and port, the two things tests and the launcher always choose. */
    public static GatewayConfig of(String kafkaBootstrapServers, int port) {
        return new GatewayConfig(kafkaBootstrapServers, DEFAULT_HOST, port, DEFAULT_RESUME_BUFFER, DEFAULT_HEARTBEAT_MS);
    }

    public GatewayConfig withHeartbeatMs(long newHeartbeatMs) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, newHeartbeatMs);
    }

    public GatewayConfig withResumeBuffer(int newResumeBuffer) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, newResumeBuffer, heartbeatMs);
    }

    public static GatewayConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the given variables (tests pass a map); unset or blank ones take the defaults. */
    public static GatewayConfig fromEnv(Map<String, String> env) {
        return new GatewayConfig(
                value(env, "KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS, Function.identity()),
                value(env, "GATEWAY_HOST", DEFAULT_HOST, Function.identity()),
                value(env, "GATEWAY_PORT", DEFAULT_PORT, Integer::parseInt),
                value(env, "GATEWAY_RESUME_BUFFER", DEFAULT_RESUME_BUFFER, Integer::parseInt),
                value(env, "GATEWAY_HEARTBEAT_MS", DEFAULT_HEARTBEAT_MS, Long::parseLong));
    }

    private static <T> T value(Map<String, String> env, String name, T fallback, Function<String, T> parse) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
