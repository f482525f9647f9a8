package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.CeremonyViews;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.ResumeResult;
import dev.awardsticker.gateway.ws.ClientRequest.Ping;
import dev.awardsticker.gateway.ws.ClientRequest.Subscribe;
import dev.awardsticker.gateway.ws.ClientRequest.Unsubscribe;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /ws} endpoint: accepts sockets, answers their requests, and fans every applied update out to the
 * sockets subscribed to its ceremony. Runs entirely on the gateway's event loop, the same one that applies
 * updates to the views, so a subscriber's snapshot and the updates after it can never interleave wrongly.
 */
public final class WebSocketHub implements CeremonyViews.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHub.class);
    static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
    /** A send queue above this counts as full: the client is not reading as fast as updates come. */
    static final int WRITE_QUEUE_BYTES = 1024 * 1024;
    private static final Buffer PING = Buffer.buffer("hb");

    private final Vertx vertx;
    private final CeremonyViews views;
    private final long heartbeatMs;
    private final Set<ClientConnection> connections = new LinkedHashSet<>();
    private final Map<String, Set<ClientConnection>> subscribers = new HashMap<>();
    private long heartbeatTimer = -1;
    private boolean shuttingDown;

    public WebSocketHub(Vertx vertx, CeremonyViews views, long heartbeatMs) {
        this.vertx = vertx;
        this.views = views;
        this.heartbeatMs = heartbeatMs;
    }

    /** Route handler for {@code GET /ws}. */
    public void upgrade(RoutingContext ctx) {
        if (shuttingDown) {
            ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .end("This gateway is shutting down; connect again to reach another instance.");
            return;
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket")
                    .end("/ws speaks WebSocket only: connect with a WebSocket client (see PROTOCOL.md).");
            return;
        }
        ctx.request().toWebSocket()
                .onSuccess(this::accept)
                .onFailure(e -> LOG.debug("WebSocket handshake failed: {}", e.getMessage()));
    }

    public void startHeartbeat() {
        heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> heartbeat());
    }

    /** Closes every socket with 1001 so clients reconnect (to another instance) and resume. */
    public Future<Void> shutdown() {
        shuttingDown = true;
        vertx.cancelTimer(heartbeatTimer);
        List<Future<Void>> closing = new ArrayList<>();
        for (ClientConnection connection : List.copyOf(connections)) {
            closing.add(connection.close(CloseCodes.GOING_AWAY, "gateway shutting down: reconnect and resume"));
        }
        LOG.info("Closed {} WebSocket connection(s) for shutdown", closing.size());
        return Future.join(closing).mapEmpty();
    }

    private void accept(ServerWebSocket socket) {
        ClientConnection connection = new ClientConnection(socket, now());
        connections.add(connection);
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        socket.frameHandler(frame -> onFrame(connection, frame));
        socket.textMessageHandler(text -> onText(connection, text));
        socket.binaryMessageHandler(data -> connection.close(CloseCodes.BAD_MESSAGE,
                "binary frames are not part of the protocol: send JSON text frames"));
        socket.drainHandler(v -> connection.drained());
        socket.exceptionHandler(e -> onError(connection, e));
        socket.closeHandler(v -> remove(connection));
        LOG.debug("WebSocket {} connected ({} open)", connection.remote(), connections.size());
    }

    /** Every frame proves the client is alive (pongs included) and counts toward the message size limit. */
    private void onFrame(ClientConnection connection, WebSocketFrame frame) {
        connection.heard(now());
        if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
            long size = connection.received(frame.isContinuation(), frame.binaryData().length());
            if (size > CloseCodes.MAX_MESSAGE_BYTES) {
                connection.close(CloseCodes.MESSAGE_TOO_BIG, tooBigReason());
            }
        }
    }

    /**
     * A frame over the size limit fails in Netty's decoder, which Vert.x answers by dropping the connection; the
     * close frame sent here first tells the client why.
     */
    private void onError(ClientConnection connection, Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupt) {
            WebSocketCloseStatus status = corrupt.closeStatus() == null
                    ? WebSocketCloseStatus.PROTOCOL_ERROR : corrupt.closeStatus();
            connection.close((short) status.code(),
                    status.code() == CloseCodes.MESSAGE_TOO_BIG ? tooBigReason() : status.reasonText());
        }
        LOG.debug("WebSocket {}: {}", connection.remote(), error.getMessage());
    }

    private static String tooBigReason() {
        return "message larger than " + CloseCodes.MAX_MESSAGE_BYTES + " bytes; requests are small JSON objects";
    }

    private void onText(ClientConnection connection, String text) {
        if (!connection.isOpen()) {
            return;
        }
        ClientRequest request;
        try {
            request = RequestParser.parse(text);
        } catch (BadRequestException e) {
            LOG.debug("WebSocket {} sent a bad frame: {}", connection.remote(), e.getMessage());
            connection.send(Frames.error(e.getMessage(), null));
            return;
        }
        if (request instanceof Subscribe subscribe) {
            subscribe(connection, subscribe);
        } else if (request instanceof Unsubscribe unsubscribe) {
            unsubscribe(connection, unsubscribe.ceremony());
        } else if (request instanceof Ping) {
            connection.send(Frames.pong());
        }
    }

    private void subscribe(ClientConnection connection, Subscribe request) {
        String ceremony = request.ceremony();
        if (connection.subscription(ceremony).isEmpty()
                && connection.subscriptionCount() >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            connection.send(Frames.error("too many subscriptions: at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION
                    + " per connection; unsubscribe from one first", ceremony));
            return;
        }
        Filter filter = request.filter();
        connection.subscribe(ceremony, filter);
        subscribers.computeIfAbsent(ceremony, k -> new LinkedHashSet<>()).add(connection);
        CeremonyView view = views.findOrEmpty(ceremony);
        if (request.resume() == null) {
            connection.send(Frames.snapshot(filter.apply(view.snapshot())));
            return;
        }
        ResumeResult result = view.resume(request.resume().epoch(), request.resume().lastSeq());
        if (result instanceof ResumeResult.Resumed resumed) {
            connection.send(Frames.resumed(ceremony, resumed.fromSeq()));
            for (FeedUpdate missed : resumed.missed()) {
                if (filter.accepts(missed.update().change())) {
                    connection.sendShared(missed.frame());
                }
            }
        } else if (result instanceof ResumeResult.Reset reset) {
            connection.send(Frames.reset(ceremony, reset.reason()));
            connection.send(Frames.snapshot(filter.apply(view.snapshot())));
        }
    }

    private void unsubscribe(ClientConnection connection, String ceremony) {
        if (!connection.unsubscribe(ceremony)) {
            connection.send(Frames.error("not subscribed to " + ceremony, ceremony));
            return;
        }
        removeSubscriber(ceremony, connection);
        connection.send(Frames.unsubscribed(ceremony));
    }

    @Override
    public void applied(CeremonyView view, FeedUpdate update) {
        Set<ClientConnection> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        long now = now();
        for (ClientConnection connection : List.copyOf(subscribed)) {
            if (connection.fullFor(now) > heartbeatMs) {
                connection.close(CloseCodes.TOO_SLOW, "too slow: updates piled up unread; reconnect and resume");
                continue;
            }
            connection.subscription(view.ceremony())
                    .filter(filter -> filter.accepts(update.update().change()))
                    .ifPresent(filter -> connection.sendShared(update.frame()));
        }
    }

    @Override
    public void reset(CeremonyView view, FeedUpdate update) {
        Set<ClientConnection> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        String reason = "the ceremony's history was reset (new epoch " + view.epoch() + ")";
        for (ClientConnection connection : subscribed) {
            connection.subscription(view.ceremony()).ifPresent(filter -> {
                connection.send(Frames.reset(view.ceremony(), reason));
                connection.send(Frames.snapshot(filter.apply(view.snapshot())));
            });
        }
    }

    /** Pings every client and drops those silent for three intervals (a dead phone never sends a close). */
    private void heartbeat() {
        long now = now();
        for (ClientConnection connection : List.copyOf(connections)) {
            if (now - connection.lastHeard() > 3 * heartbeatMs) {
                LOG.debug("WebSocket {} silent for {} ms: closing", connection.remote(), now - connection.lastHeard());
                connection.close(CloseCodes.TOO_SLOW, "no pong or message for 3 heartbeats; reconnect and resume");
            } else if (connection.isOpen()) {
                connection.socket().writePing(PING);
            }
        }
    }

    private void remove(ClientConnection connection) {
        connections.remove(connection);
        for (String ceremony : connection.ceremonies()) {
            removeSubscriber(ceremony, connection);
        }
        LOG.debug("WebSocket {} closed ({} open)", connection.remote(), connections.size());
    }

    private void removeSubscriber(String ceremony, ClientConnection connection) {
        Set<ClientConnection> subscribed = subscribers.get(ceremony);
        if (subscribed != null && subscribed.remove(connection) && subscribed.isEmpty()) {
            subscribers.remove(ceremony);
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
