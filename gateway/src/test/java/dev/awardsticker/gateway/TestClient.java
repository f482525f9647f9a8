package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

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
        return connect(vertx, new WebSocketClientOptions(), new WebSocketConnectOptions().setPort(port));
    }

    /** With {@code connect}'s host defaulting to localhost and its URI to {@code /ws}. */
    public static TestClient connect(Vertx vertx, WebSocketClientOptions options, WebSocketConnectOptions connect) {
        if (connect.getHost() == null) {
            connect.setHost("localhost");
        }
        if (connect.getURI() == null || "/".equals(connect.getURI())) {
            connect.setURI("/ws");
        }
        WebSocketClient client = vertx.createWebSocketClient(options);
        try {
            // Handlers go on in the socket's own context as it opens, so not even an immediate close is missed.
            return client.connect(connect).map(socket -> new TestClient(client, socket)).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("Could not connect to ws://localhost:" + connect.getPort()
                    + connect.getURI() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client with a small receive buffer, so that when it stops reading the gateway notices after little data
     * rather than after what an auto-tuned buffer takes.
     */
    public static TestClient connectWithSmallBuffer(Vertx vertx, int port) {
        return connect(vertx, new WebSocketClientOptions().setReceiveBufferSize(8 * 1024),
                new WebSocketConnectOptions().setPort(port));
    }

    /**
     * Sends an application ping every {@code periodMs} until closed. Writing needs no reading, so a paused client
     * that does this is alive but slow (a phone whose downlink is congested), not silent.
     */
    public TestClient pingEvery(Vertx vertx, long periodMs) {
        vertx.setPeriodic(periodMs, timer -> {
            if (closed) {
                vertx.cancelTimer(timer);
            } else {
                socket.writeTextMessage("{\"op\":\"ping\"}");
            }
        });
        return this;
    }

    /**
     * Stops reading: frames stay unread, and once the client's small inbound queue is full it stops reading the
     * socket, so TCP pushes back on the gateway as a phone on a bad network would.
     */
    public TestClient pause() {
        socket.pause();
        return this;
    }

    public TestClient resume() {
        socket.resume();
        return this;
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
        socket.resume(); // a paused client would never read the gateway's answer to its close
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
