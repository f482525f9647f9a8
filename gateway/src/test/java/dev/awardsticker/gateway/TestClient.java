package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A WebSocket client as a dashboard would be: it records every frame it receives and how it was closed. */
public final class TestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    private TestClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> frames.add(parse(text)));
        socket.closeHandler(v -> closed = true);
        // Vert.x answers pings itself; this only counts them.
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pings.incrementAndGet();
            }
        });
    }

    /** Server pings received so far. */
    public int pings() {
        return pings.get();
    }

    public static TestClient connect(Vertx vertx, int port) {
        // Default options on purpose: frames of at most 64 KiB, like many client libraries.
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            return new TestClient(client, client.connect(port, "localhost", "/ws").await(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to ws://localhost:" + port + "/ws", e);
        }
    }

    public TestClient send(String text) {
        socket.writeTextMessage(text);
        return this;
    }

    public TestClient subscribe(String ceremony) {
        return send("{\"op\":\"subscribe\",\"ceremony\":\"" + ceremony + "\"}");
    }

    public TestClient resume(String ceremony, long epoch, long lastSeq) {
        return send("{\"op\":\"subscribe\",\"ceremony\":\"" + ceremony + "\",\"epoch\":" + epoch + ",\"lastSeq\":"
                + lastSeq + "}");
    }

    public WebSocket socket() {
        return socket;
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public List<String> types() {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }

    /** Seqs of the update frames received so far, in arrival order. */
    public List<Long> updateSeqs() {
        return frames.stream().filter(f -> "update".equals(f.path("type").asText()))
                .map(f -> f.path("update").path("seq").asLong()).toList();
    }

    public JsonNode awaitFrame(String type) {
        return awaitFrame(f -> type.equals(f.path("type").asText()));
    }

    public JsonNode awaitFrame(Predicate<JsonNode> match) {
        return await().atMost(WAIT).until(() -> frames.stream().filter(match).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    /** Waits until updates up to {@code seq} arrived; returns all update seqs received. */
    public List<Long> awaitUpdatesThrough(long seq) {
        await().atMost(WAIT).until(() -> updateSeqs().contains(seq));
        return updateSeqs();
    }

    public void awaitClosed() {
        await().atMost(WAIT).until(() -> closed);
    }

    public boolean isClosed() {
        return closed;
    }

    public Short closeCode() {
        return socket.closeStatusCode();
    }

    public String closeReason() {
        return socket.closeReason();
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            socket.close().await(5, TimeUnit.SECONDS);
        }
        client.close().await(5, TimeUnit.SECONDS);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("Gateway sent a frame that is not JSON: " + text, e);
        }
    }
}
