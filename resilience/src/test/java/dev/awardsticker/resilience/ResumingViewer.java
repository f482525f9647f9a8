package dev.awardsticker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A screen that behaves as PROTOCOL.md asks: on any disconnect it reconnects, to the next gateway in its list,
 * and resumes with the epoch and seq of the last update it applied, recording what it applied in a
 * {@link GapFreeLog}.
 */
final class ResumingViewer {
    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<Integer> gatewayPorts;
    private final String ceremony;
    private final GapFreeLog log = new GapFreeLog();
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
        if (log.lastSeq() > 0) {
            subscribe.put("epoch", log.epoch());
            subscribe.put("lastSeq", log.lastSeq());
        }
        log.session("gateway :" + port + (log.lastSeq() > 0 ? " resume after " + log.lastSeq() : " fresh"));
        ws.writeTextMessage(Json.text(subscribe));
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            log.problem("not JSON: " + text);
            return;
        }
        switch (frame.path("type").asText()) {
            case "snapshot" -> log.snapshot(frame.path("epoch").asLong(), frame.path("seq").asLong());
            case "resumed" -> log.session("resumed");
            case "reset" -> log.problem("reset: " + text);
            case "update" -> log.update(Json.MAPPER.convertValue(frame.get("update"), CeremonyUpdate.class));
            default -> { }
        }
    }

    GapFreeLog log() {
        return log;
    }

    void close() {
        closed = true;
        client.close();
    }
}
