package dev.awardsticker.launcher.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A WebSocket subscriber like any dashboard: it subscribes to one ceremony on the gateway and keeps every
 * update it receives (one per editor event or definition, with all of its changes) with the wall-clock time it
 * arrived, so the launcher (and tests) can print what happened and measure latency the way a viewer experiences it.
 */
public final class LiveWatcher {
    /** An update as received, with its arrival time in epoch millis. */
    public record Received(CeremonyUpdate update, long receivedAtMillis) {
        /** From ingest accepting the command to this frame, in ms (one clock when both run on this machine). */
        public long latencyMs() {
            return receivedAtMillis - update.ingestedAt();
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> firstFrameByEvent = new ConcurrentHashMap<>();
    private final List<JsonNode> snapshots = new CopyOnWriteArrayList<>();
    private final Consumer<Received> listener;
    private final WebSocketClient client;
    private WebSocket socket;

    private LiveWatcher(Vertx vertx, Consumer<Received> listener) {
        this.client = vertx.createWebSocketClient();
        this.listener = listener;
    }

    /** Connects to {@code ws://host:port/ws} and subscribes; completes once the subscription is sent. */
    public static Future<LiveWatcher> watch(Vertx vertx, String host, int port, String ceremony,
                                            Consumer<Received> listener) {
        LiveWatcher watcher = new LiveWatcher(vertx, listener);
        return watcher.client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws"))
                .compose(ws -> {
                    watcher.socket = ws;
                    ws.textMessageHandler(watcher::onFrame);
                    return ws.writeTextMessage(Json.text(Map.of("op", "subscribe", "ceremony", ceremony)));
                })
                .map(watcher);
    }

    private void onFrame(String text) {
        long now = System.currentTimeMillis();
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Gateway sent a frame that is not JSON: " + text, e);
        }
        String type = frame.path("type").asText();
        if ("snapshot".equals(type)) {
            snapshots.add(frame);
        } else if ("update".equals(type)) {
            CeremonyUpdate update = Json.MAPPER.convertValue(frame.get("update"), CeremonyUpdate.class);
            Received r = new Received(update, now);
            received.add(r);
            if (update.eventId() != null) {
                firstFrameByEvent.putIfAbsent(update.eventId(), now);
            }
            listener.accept(r);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The updates received, in arrival order. */
    public List<CeremonyUpdate> updates() {
        return received.stream().map(Received::update).toList();
    }

    /** Every change of one type over all updates received, in order. */
    public <T extends Change> List<T> changes(Class<T> type) {
        return received.stream().flatMap(r -> r.update().changesOf(type).stream()).toList();
    }

    /** The update frames caused by this command: one, once it has arrived (a command makes one update). */
    public List<CeremonyUpdate> updatesOf(String eventId) {
        return received.stream().map(Received::update).filter(u -> eventId.equals(u.eventId())).toList();
    }

    public List<JsonNode> snapshots() {
        return List.copyOf(snapshots);
    }

    /** When the frame of the update caused by this command arrived (epoch millis), or null. */
    public Long firstFrameOf(String eventId) {
        return firstFrameByEvent.get(eventId);
    }

    public Future<Void> close() {
        return socket == null ? client.close() : socket.close().compose(v -> client.close());
    }
}
