package dev.awardsticker.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.awardsticker.contract.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Streams app's small HTTP listener (the JDK's own server; the app needs no web framework):
 * {@code GET /health} (200 while the process lives), {@code GET /ready} (200 when Kafka Streams is RUNNING, else
 * 503 with the state and why) and {@code GET /metrics} (Prometheus text format).
 */
final class StreamsHttp implements AutoCloseable {
    /** The Streams state, and why it is not running (null when it is). */
    record Readiness(KafkaStreams.State state, String reason) {}

    private final HttpServer server;
    private final ExecutorService executor;

    StreamsHttp(int port, Supplier<Readiness> readiness, PrometheusMeterRegistry registry) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The Streams app could not listen on port " + port + " (" + e.getMessage()
                    + "); set STREAMS_HTTP_PORT to a free port", e);
        }
        server.createContext("/health", exchange -> send(exchange, 200, "application/json",
                Json.text(Map.of("status", "UP"))));
        server.createContext("/ready", exchange -> {
            Readiness now = readiness.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", now.reason() == null ? "READY" : "NOT_READY");
            body.put("state", now.state() == null ? null : now.state().name());
            if (now.reason() != null) {
                body.put("reason", now.reason());
            }
            send(exchange, now.reason() == null ? 200 : 503, "application/json", Json.text(body));
        });
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "streams-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean exact = exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath());
            if (!exact || !"GET".equals(exchange.getRequestMethod())) {
                bytes = Json.text(Map.of("error", "GET /health, /ready or /metrics")).getBytes(StandardCharsets.UTF_8);
                status = exact ? 405 : 404;
                contentType = "application/json";
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
