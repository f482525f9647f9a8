package dev.awardsticker.gateway;

import dev.awardsticker.gateway.auth.AccessControl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the gateway can be told, read from the environment by {@link #fromEnv()} or built directly by tests
 * and the launcher.
 *
 * @param kafkaBootstrapServers where {@code ceremony-updates} is read from
 * @param host                  interface the HTTP/WebSocket server binds to
 * @param port                  HTTP port; 0 picks a free one (see {@link GatewayService#port()})
 * @param resumeBuffer          recent updates kept per ceremony so a reconnecting client can resume without a snapshot
 * @param heartbeatMs           interval of server pings; a client silent for three intervals is disconnected, and so
 *                              is one that had frames waiting unread for longer than one interval
 * @param clientQueueMax        frames queued for a client whose socket takes no more; one more closes it with 4408
 * @param clientQueueMaxBytes   bytes queued for such a client; more closes it with 4408
 * @param jwtSecret             HS256 key (its UTF-8 bytes) that subscriber tokens must be signed with; null: no auth
 * @param allowedOrigins        browser origins (e.g. {@code https://news.example.com}) allowed to open the WebSocket;
 *                              empty: any. Requests without an Origin header (non-browser clients) are always allowed
 * @param sseKeepaliveMs        interval of {@code : keep-alive} comments on idle Server-Sent Events streams, so proxies
 *                              and load balancers do not cut a quiet stream, and a dead client is noticed
 * @param jwtPublicKeyFile      PEM file of RSA/EC public keys (or certificates) for RS256/ES256 tokens; null: none
 * @param jwtJwksFile           JSON Web Key Set file for RS256/ES256 tokens (a key picked by the token's kid); null: none
 * @param eventLoops            event loops serving clients, each with its own share of the connections; default: one
 *                              per available processor. At most Vert.x's event loop pool (twice the processors)
 * @param nettySeam             whether the gateway may reach into Vert.x's and Netty's internals for its fast paths
 *                              (raw frame writes, flush batching, heap trim); false: public Vert.x API only
 */
public record GatewayConfig(String kafkaBootstrapServers, String host, int port, int resumeBuffer, long heartbeatMs,
                            int clientQueueMax, long clientQueueMaxBytes, String jwtSecret,
                            List<String> allowedOrigins, long sseKeepaliveMs, Path jwtPublicKeyFile,
                            Path jwtJwksFile, int eventLoops, boolean nettySeam) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RESUME_BUFFER = 10_000;
    public static final long DEFAULT_HEARTBEAT_MS = 15_000;
    public static final int DEFAULT_CLIENT_QUEUE_MAX = 1_000;
    public static final long DEFAULT_CLIENT_QUEUE_MAX_BYTES = 1024 * 1024;
    public static final long DEFAULT_SSE_KEEPALIVE_MS = 15_000;
    public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    /** Vert.x's default event loop pool: a gateway cannot have more loops of its own. */
    static final int MAX_EVENT_LOOPS = 2 * Runtime.getRuntime().availableProcessors();
    /** HS256 keys shorter than the hash (256 bits) weaken it (RFC 7518, section 3.2). */
    static final int MIN_JWT_SECRET_BYTES = 32;
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s?#]+");

    public GatewayConfig {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(),
                "KAFKA_BOOTSTRAP_SERVERS must name at least one broker, e.g. localhost:9092");
        require(host != null && !host.isBlank(), "GATEWAY_HOST must be an interface address, e.g. 0.0.0.0");
        require(port >= 0 && port <= 65_535, "GATEWAY_PORT must be 0..65535 (0 picks a free port), was " + port);
        require(resumeBuffer >= 1, "GATEWAY_RESUME_BUFFER must be at least 1, was " + resumeBuffer);
        require(heartbeatMs >= 10, "GATEWAY_HEARTBEAT_MS must be at least 10, was " + heartbeatMs);
        require(clientQueueMax >= 1, "GATEWAY_CLIENT_QUEUE_MAX must be at least 1 frame, was " + clientQueueMax);
        require(clientQueueMaxBytes >= 1024,
                "GATEWAY_CLIENT_QUEUE_MAX_BYTES must be at least 1024, was " + clientQueueMaxBytes);
        require(sseKeepaliveMs >= 10, "GATEWAY_SSE_KEEPALIVE_MS must be at least 10, was " + sseKeepaliveMs);
        require(eventLoops >= 1 && eventLoops <= MAX_EVENT_LOOPS, "GATEWAY_EVENT_LOOPS must be 1.." + MAX_EVENT_LOOPS
                + " (at most twice the processors, Vert.x's event loop pool), was " + eventLoops);
        if (jwtSecret != null && jwtSecret.isBlank()) {
            jwtSecret = null;
        }
        require(jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length >= MIN_JWT_SECRET_BYTES,
                "GATEWAY_JWT_SECRET must be at least " + MIN_JWT_SECRET_BYTES + " bytes for HS256; generate one "
                        + "with: openssl rand -base64 32");
        require(jwtPublicKeyFile == null || Files.isReadable(jwtPublicKeyFile), "GATEWAY_JWT_PUBLIC_KEY_FILE: cannot "
                + "read " + jwtPublicKeyFile + "; point it at the identity provider's public key (PEM) or unset it");
        require(jwtJwksFile == null || Files.isReadable(jwtJwksFile), "GATEWAY_JWT_JWKS_FILE: cannot read "
                + jwtJwksFile + "; point it at a JSON Web Key Set file ({\"keys\":[...]}) or unset it");
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream()
                .map(AccessControl::normalizeOrigin).filter(o -> !o.isEmpty()).distinct().toList();
        for (String origin : allowedOrigins) {
            require(ORIGIN.matcher(origin).matches(), "GATEWAY_ALLOWED_ORIGINS must list origins such as "
                    + "https://news.example.com (scheme://host[:port], no path), comma-separated; got '"
                    + origin + "'");
        }
    }

    /** Everything but the event loops and the Netty seam, which take their defaults. */
    public GatewayConfig(String kafkaBootstrapServers, String host, int port, int resumeBuffer, long heartbeatMs,
                         int clientQueueMax, long clientQueueMaxBytes, String jwtSecret, List<String> allowedOrigins,
                         long sseKeepaliveMs, Path jwtPublicKeyFile, Path jwtJwksFile) {
        this(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax, clientQueueMaxBytes,
                jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile, DEFAULT_EVENT_LOOPS, true);
    }

    /** Everything but the public key files. */
    public GatewayConfig(String kafkaBootstrapServers, String host, int port, int resumeBuffer, long heartbeatMs,
                         int clientQueueMax, long clientQueueMaxBytes, String jwtSecret, List<String> allowedOrigins,
                         long sseKeepaliveMs) {
        this(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax, clientQueueMaxBytes,
                jwtSecret, allowedOrigins, sseKeepaliveMs, null, null);
    }

    /** Everything but the SSE keep-alive, which takes its default, and the public key files. */
    public GatewayConfig(String kafkaBootstrapServers, String host, int port, int resumeBuffer, long heartbeatMs,
                         int clientQueueMax, long clientQueueMaxBytes, String jwtSecret, List<String> allowedOrigins) {
        this(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax, clientQueueMaxBytes,
                jwtSecret, allowedOrigins, DEFAULT_SSE_KEEPALIVE_MS);
    }

    /** Defaults everywhere except the broker and port, the two things tests and the launcher always choose. */
    public static GatewayConfig of(String kafkaBootstrapServers, int port) {
        return new GatewayConfig(kafkaBootstrapServers, DEFAULT_HOST, port, DEFAULT_RESUME_BUFFER, DEFAULT_HEARTBEAT_MS,
                DEFAULT_CLIENT_QUEUE_MAX, DEFAULT_CLIENT_QUEUE_MAX_BYTES, null, List.of());
    }

    public GatewayConfig withHeartbeatMs(long newHeartbeatMs) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, newHeartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    public GatewayConfig withResumeBuffer(int newResumeBuffer) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, newResumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    public GatewayConfig withClientQueue(int maxFrames, long maxBytes) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, maxFrames, maxBytes,
                jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    public GatewayConfig withJwtSecret(String newJwtSecret) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, newJwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    public GatewayConfig withAllowedOrigins(List<String> newAllowedOrigins) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, newAllowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    public GatewayConfig withSseKeepaliveMs(long newSseKeepaliveMs) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, newSseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, nettySeam);
    }

    /** RS256/ES256 keys: a PEM file and/or a JWKS file (either may be null). */
    public GatewayConfig withJwtPublicKeys(Path newPublicKeyFile, Path newJwksFile) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, sseKeepaliveMs, newPublicKeyFile, newJwksFile,
                eventLoops, nettySeam);
    }

    /** Clients served by {@code loops} event loops. */
    public GatewayConfig withEventLoops(int loops) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile, loops,
                nettySeam);
    }

    /** With or without the fast paths through Vert.x's and Netty's internals. */
    public GatewayConfig withNettySeam(boolean on) {
        return new GatewayConfig(kafkaBootstrapServers, host, port, resumeBuffer, heartbeatMs, clientQueueMax,
                clientQueueMaxBytes, jwtSecret, allowedOrigins, sseKeepaliveMs, jwtPublicKeyFile, jwtJwksFile,
                eventLoops, on);
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
                value(env, "GATEWAY_HEARTBEAT_MS", DEFAULT_HEARTBEAT_MS, Long::parseLong),
                value(env, "GATEWAY_CLIENT_QUEUE_MAX", DEFAULT_CLIENT_QUEUE_MAX, Integer::parseInt),
                value(env, "GATEWAY_CLIENT_QUEUE_MAX_BYTES", DEFAULT_CLIENT_QUEUE_MAX_BYTES, Long::parseLong),
                // Not trimmed: a secret is taken exactly as given.
                env.get("GATEWAY_JWT_SECRET"),
                value(env, "GATEWAY_ALLOWED_ORIGINS", List.of(), raw -> Arrays.asList(raw.split(","))),
                value(env, "GATEWAY_SSE_KEEPALIVE_MS", DEFAULT_SSE_KEEPALIVE_MS, Long::parseLong),
                value(env, "GATEWAY_JWT_PUBLIC_KEY_FILE", null, Path::of),
                value(env, "GATEWAY_JWT_JWKS_FILE", null, Path::of),
                value(env, "GATEWAY_EVENT_LOOPS", DEFAULT_EVENT_LOOPS, Integer::parseInt),
                value(env, "GATEWAY_NETTY_SEAM", true, GatewayConfig::bool));
    }

    /** Whether subscribers must present a token. */
    public boolean authEnabled() {
        return jwtSecret != null || jwtPublicKeyFile != null || jwtJwksFile != null;
    }

    /** Never prints the secret: configs end up in logs. */
    @Override
    public String toString() {
        return "GatewayConfig[kafkaBootstrapServers=" + kafkaBootstrapServers + ", host=" + host + ", port=" + port
                + ", resumeBuffer=" + resumeBuffer + ", heartbeatMs=" + heartbeatMs + ", clientQueueMax="
                + clientQueueMax + ", clientQueueMaxBytes=" + clientQueueMaxBytes + ", jwtSecret="
                + (jwtSecret == null ? "unset" : "(set)") + ", allowedOrigins=" + allowedOrigins + ", sseKeepaliveMs="
                + sseKeepaliveMs + ", jwtPublicKeyFile=" + jwtPublicKeyFile + ", jwtJwksFile=" + jwtJwksFile + ", eventLoops=" + eventLoops
                + ", nettySeam=" + nettySeam + "]";
    }

    private static boolean bool(String raw) {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("GATEWAY_NETTY_SEAM must be true or false, was '" + raw + "'");
        };
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
