package dev.awardsticker.ingest;

import dev.awardsticker.ingest.auth.EditorTokens;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the ingest service, normally from the environment ({@link #fromEnv()}).
 *
 * @param editorTokens  token of each editor, by editor name; secrets, so never in the repo nor in logs
 * @param kafkaTimeout  the longest a write may wait for Kafka before the editor is answered 503
 * @param maxBodyBytes  larger request bodies are answered 413
 * @param verdictTimeout the longest an editor event or definition, once in Kafka, waits for the Streams app's
 *                      verdict before it is answered 202 PENDING (0: answer PENDING at once, never wait)
 */
public record IngestConfig(String bootstrapServers, String host, int port, Map<String, String> editorTokens,
                           Duration kafkaTimeout, long maxBodyBytes, Duration verdictTimeout) {
    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String HOST = "INGEST_HOST";
    public static final String PORT = "INGEST_PORT";
    public static final String TOKENS = "INGEST_TOKENS";
    public static final String KAFKA_TIMEOUT_MS = "INGEST_KAFKA_TIMEOUT_MS";
    public static final String MAX_BODY_BYTES = "INGEST_MAX_BODY_BYTES";
    public static final String VERDICT_TIMEOUT_MS = "INGEST_VERDICT_TIMEOUT_MS";
    public static final Duration DEFAULT_VERDICT_TIMEOUT = Duration.ofMillis(5000);

    public IngestConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        Objects.requireNonNull(verdictTimeout, "verdictTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be 0-65535 (0 picks a free port), not " + port + ".");
        }
        if (editorTokens == null || editorTokens.isEmpty()) {
            throw new IllegalArgumentException("No editor tokens: set " + TOKENS + "=editorName=token,"
                    + "editorName2=token2 (every write needs one; keep tokens out of the repo).");
        }
        if (kafkaTimeout.isNegative() || kafkaTimeout.toMillis() < 1 || kafkaTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(KAFKA_TIMEOUT_MS + " must be a positive number of milliseconds,"
                    + " not " + kafkaTimeout.toMillis() + ".");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " must be 1-" + Integer.MAX_VALUE + ", not "
                    + maxBodyBytes + ".");
        }
        if (verdictTimeout.isNegative() || verdictTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(VERDICT_TIMEOUT_MS + " must be 0 (never wait) or a positive number of"
                    + " milliseconds, not " + verdictTimeout.toMillis() + ".");
        }
        editorTokens = Map.copyOf(editorTokens);
    }

    /** With the default verdict timeout (callers that predate synchronous verdicts). */
    public IngestConfig(String bootstrapServers, String host, int port, Map<String, String> editorTokens,
                        Duration kafkaTimeout, long maxBodyBytes) {
        this(bootstrapServers, host, port, editorTokens, kafkaTimeout, maxBodyBytes, DEFAULT_VERDICT_TIMEOUT);
    }

    /** The same settings with another verdict timeout. */
    public IngestConfig withVerdictTimeout(Duration timeout) {
        return new IngestConfig(bootstrapServers, host, port, editorTokens, kafkaTimeout, maxBodyBytes, timeout);
    }

    public static IngestConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads {@code env} (the process environment, or a map in tests); unset or blank means the default. */
    public static IngestConfig fromEnv(Map<String, String> env) {
        return new IngestConfig(
                value(env, BOOTSTRAP_SERVERS, "localhost:9092"),
                value(env, HOST, "0.0.0.0"),
                (int) Math.max(-1, Math.min(Integer.MAX_VALUE, number(env, PORT, 8081))),
                EditorTokens.parse(env.get(TOKENS)),
                Duration.ofMillis(number(env, KAFKA_TIMEOUT_MS, 5000)),
                number(env, MAX_BODY_BYTES, 1024 * 1024),
                Duration.ofMillis(number(env, VERDICT_TIMEOUT_MS, DEFAULT_VERDICT_TIMEOUT.toMillis())));
    }

    /** Names the editors but never prints their tokens. */
    @Override
    public String toString() {
        return "IngestConfig[bootstrapServers=" + bootstrapServers + ", host=" + host + ", port=" + port
                + ", editors=" + editorTokens.keySet().stream().sorted().toList() + ", kafkaTimeout="
                + kafkaTimeout.toMillis() + "ms, maxBodyBytes=" + maxBodyBytes + ", verdictTimeout="
                + verdictTimeout.toMillis() + "ms]";
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = value(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'.");
        }
    }
}
