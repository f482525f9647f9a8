package dev.awardsticker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A screen that behaves as PROTOCOL.md asks: on any disconnect it reconnects, to the next gateway in its list,
 * and resumes with the epoch and seq of the last update it applied. It records every update it applied and
 * every seq that was a duplicate or left a gap, which must both stay empty.
 */
final class ResumingViewer {
    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<Integer> gatewayPorts;
    private final String ceremony;
    private final List<CeremonyUpdate> applied = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private volatile long epoch;
    private volatile long lastSeq;
    private volatile boolean closed;
    private int next;

    ResumingViewer(Vertx vertx, List<Integer> gatewayPorts, String ceremony) {
        this.vertx = vertx;
        this.client = vertx.createWebSocketClient();
        this.gatewayPorts = List.copyOf(gatewayPorts);
        this.ceremony = ceremony;
    }

    ResumingViewer start() {
        vertx.runOnContext(v -> connect());
        return this;
    }

    private void connect() {
        if (closed) {
            return;
        }
        int port = gatewayPorts.get(next++ % gatewayPorts.size());
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
                .onSuccess(ws -> subscribe(ws, port))
                // Connection refused (that gateway is down) or handshake refused: try the next one shortly.
                .onFailure(e -> vertx.setTimer(200, t -> connect()));
    }

    private void subscribe(WebSocket ws, int port) {
        ws.textMessageHandler(this::onFrame);
        ws.closeHandler(v -> vertx.setTimer(100, t -> connect()));
        Map<String, Object> subscribe = new LinkedHashMap<>(Map.of("op", "subscribe", "ceremony", ceremony));
        if (lastSeq > 0) {
            subscribe.put("epoch", epoch);
            subscribe.put("lastSeq", lastSeq);
        }
        sessions.add("gateway :" + port + (lastSeq > 0 ? " resume after " + lastSeq : " fresh"));
        ws.writeTextMessage(Json.text(subscribe));
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            problems.add("not JSON: " + text);
            return;
        }
        switch (frame.path("type").asText()) {
            case "snapshot" -> {
                if (lastSeq > 0) {
                    // A reset: the gateway could not resume us. Allowed by the protocol, but in these tests the
                    // resume buffer covers every outage, so it would mean lost history.
                    problems.add("snapshot at seq " + frame.path("seq").asLong() + " after " + lastSeq + " (reset)");
                }
                epoch = frame.path("epoch").asLong();
                lastSeq = frame.path("seq").asLong();
                sessions.add("snapshot at " + lastSeq);
            }
            case "resumed" -> sessions.add("resumed");
            case "reset" -> problems.add("reset: " + text);
            case "update" -> {
                CeremonyUpdate update = Json.MAPPER.convertValue(frame.get("update"), CeremonyUpdate.class);
                if (update.seq() <= lastSeq) {
                    problems.add("duplicate seq " + update.seq() + " after " + lastSeq);
                } else {
                    if (update.seq() != lastSeq + 1) {
                        problems.add("gap: seq " + update.seq() + " after " + lastSeq);
                    }
                    epoch = update.epoch();
                    lastSeq = update.seq();
                    applied.add(update);
                }
            }
            default -> { }
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    List<CeremonyUpdate> applied() {
        return new ArrayList<>(applied);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> sessions() {
        return List.copyOf(sessions);
    }

    void close() {
        closed = true;
        client.close();
    }
}
