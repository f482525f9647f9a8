package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.AuthException;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.CeremonyViews;
import dev.awardsticker.gateway.feed.Fanout;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.metrics.TransportCounts;
import dev.awardsticker.gateway.ws.ClientRequest.Ping;
import dev.awardsticker.gateway.ws.ClientRequest.Subscribe;
import dev.awardsticker.gateway.ws.ClientRequest.Unsubscribe;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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
public final class WebSocketHub implements Fanout.Transport, TransportCounts {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHub.class);
    static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
    /**
     * A socket holding more unsent bytes than this counts as full, and further frames wait in the connection's
     * pending queue. Small on purpose (Netty's default): what sits in the socket can no longer be conflated, what
     * waits in the pending queue can, so a slow client gets fresh tallies sooner.
     */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final CeremonyViews views;
    private final ClientLimits limits;
    private final AccessControl access;
    private final Set<ClientConnection> connections = new LinkedHashSet<>();
    private final Map<String, Set<ClientConnection>> subscribers = new HashMap<>();
    private long heartbeatTimer = -1;
    private final Delivery delivery;
    private final FlushBatch flushes;
    private boolean shuttingDown;
    private long resumed;
    private long resumeResets;

    /** @param flushes the batching of flushes on this hub's event loop (see {@link FlushBatch}) */
    public WebSocketHub(Vertx vertx, CeremonyViews views, ClientLimits limits, AccessControl access,
                        FlushBatch flushes) {
        this.vertx = vertx;
        this.flushes = flushes;
        this.views = views;
        this.limits = limits;
        this.access = access;
        this.delivery = new Delivery(limits);
    }

    /** Route handler for {@code GET /ws}. */
    public void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (shuttingDown) {
            ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .end("This gateway is shutting down; connect again to reach another instance.");
            return;
        }
        if (!request.canUpgradeToWebSocket()) {
            ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket")
                    .end("/ws speaks WebSocket only: connect with a WebSocket client (see PROTOCOL.md).");
            return;
        }
        if (!access.originAllowed(request)) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            LOG.info("Refused a WebSocket from {}: origin {} is not in GATEWAY_ALLOWED_ORIGINS",
                    request.remoteAddress(), origin);
            ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("Pages from " + origin + " may not open this feed: the gateway's GATEWAY_ALLOWED_ORIGINS "
                            + "does not list it.");
            return;
        }
        Grant grant;
        try {
            grant = access.authenticate(request);
        } catch (AuthException e) {
            // Upgraded first and then closed: a browser script sees a close code and reason, never an HTTP status.
            request.toWebSocket().onSuccess(socket -> refuse(socket, e.getMessage())).onFailure(this::handshakeFailed);
            return;
        }
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> accept(socket, connection, grant)).onFailure(this::handshakeFailed);
    }

    private void handshakeFailed(Throwable error) {
        LOG.debug("WebSocket handshake failed: {}", error.getMessage());
    }

    public void startHeartbeat() {
        heartbeatTimer = vertx.setPeriodic(limits.heartbeatMs(), id -> flushes.run(this::heartbeat));
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

    /** How clients are keeping up. Call it on the event loop. */
    public ClientStats stats() {
        int pendingFrames = 0;
        long pendingBytes = 0;
        for (ClientConnection connection : connections) {
            pendingFrames += connection.outbox().pendingFrames();
            pendingBytes += connection.outbox().pendingBytes();
        }
        return new ClientStats(connections.size(), pendingFrames, pendingBytes, delivery.peakPendingFrames(),
                delivery.peakPendingBytes(), delivery.conflated(), delivery.closedTooSlow());
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public int clients() {
        return connections.size();
    }

    @Override
    public long conflated() {
        return delivery.conflated();
    }

    @Override
    public long slowDisconnects() {
        return delivery.closedTooSlow();
    }

    /** Text frames written to sockets since start (updates, snapshots, replies; not pings). On the event loop. */
    @Override
    public long framesSent() {
        return delivery.framesSent();
    }

    /** Resume requests answered by continuing from the client's point, since start. On the event loop. */
    @Override
    public long resumed() {
        return resumed;
    }

    /** Resume requests answered with a reset and a fresh snapshot, since start. On the event loop. */
    @Override
    public long resumeResets() {
        return resumeResets;
    }

    private void refuse(ServerWebSocket socket, String reason) {
        LOG.debug("WebSocket {} refused: {}", socket.remoteAddress(), reason);
        socket.close(CloseCodes.UNAUTHORIZED, CloseCodes.fitReason(reason));
    }

    /** @param channel the upgraded HTTP connection: the socket's channel, whose flushes are batched */
    private void accept(ServerWebSocket socket, HttpConnection channel, Grant grant) {
        ClientConnection connection = new ClientConnection(socket, grant, limits.maxQueuedFrames(),
                limits.maxQueuedBytes(), now(), delivery::frameWritten);
        connections.add(connection);
        if (!flushes.attach(channel)) {
            LOG.warn("WebSocket {}: its channel is out of reach, so its frames are flushed one by one",
                    connection.remote());
        }
        ConnectionTrim.releaseHandshake(channel);
        ConnectionTrim.shrinkWriteQueue(channel);
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        socket.frameHandler(frame -> onFrame(connection, frame));
        socket.textMessageHandler(text -> onText(connection, text));
        socket.binaryMessageHandler(data -> connection.close(CloseCodes.BAD_MESSAGE,
                "binary frames are not part of the protocol: send JSON text frames"));
        socket.drainHandler(v -> flushes.run(connection.outbox()::flush));
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
            deliver(connection, Frames.error(e.getMessage(), null));
            return;
        }
        if (request instanceof Subscribe subscribe) {
            subscribe(connection, subscribe);
        } else if (request instanceof Unsubscribe unsubscribe) {
            unsubscribe(connection, unsubscribe.ceremony());
        } else if (request instanceof Ping) {
            deliver(connection, Frames.pong());
        }
    }

    private void subscribe(ClientConnection connection, Subscribe request) {
        String ceremony = request.ceremony();
        if (!connection.grant().allows(ceremony)) {
            deliver(connection, Frames.error("not allowed to subscribe to " + ceremony
                    + ": your token's \"ceremonies\" claim does not include it", ceremony));
            return;
        }
        if (connection.subscription(ceremony).isEmpty()
                && connection.subscriptionCount() >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            deliver(connection, Frames.error("too many subscriptions: at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION
                    + " per connection; unsubscribe from one first", ceremony));
            return;
        }
        Filter filter = request.filter();
        connection.subscribe(ceremony, filter);
        subscribers.computeIfAbsent(ceremony, k -> new LinkedHashSet<>()).add(connection);
        CeremonyView view = views.findOrEmpty(ceremony);
        Catchup catchup = Catchup.of(view, filter, request.resume(), limits);
        if (catchup instanceof Catchup.Fresh fresh) {
            deliver(connection, Frames.snapshot(fresh.snapshot()));
        } else if (catchup instanceof Catchup.Resumed resumedAt) {
            this.resumed++;
            deliver(connection, Frames.resumed(ceremony, resumedAt.fromSeq()));
            resumedAt.missed().forEach(update -> deliver(connection, update.frame(), update));
        } else if (catchup instanceof Catchup.Reset reset) {
            resumeResets++;
            sendReset(connection, reset);
        }
    }

    private void sendReset(ClientConnection connection, Catchup.Reset reset) {
        deliver(connection, Frames.reset(reset.snapshot().ceremony(), reset.reason()));
        deliver(connection, Frames.snapshot(reset.snapshot()));
    }

    private void unsubscribe(ClientConnection connection, String ceremony) {
        if (!connection.unsubscribe(ceremony)) {
            deliver(connection, Frames.error("not subscribed to " + ceremony, ceremony));
            return;
        }
        removeSubscriber(ceremony, connection);
        deliver(connection, Frames.unsubscribed(ceremony));
    }

    @Override
    public boolean hasSubscribers(String ceremony) {
        return subscribers.containsKey(ceremony);
    }

    @Override
    public void applied(CeremonyView view, FeedUpdate update) {
        Set<ClientConnection> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        Selection selection = new Selection(update, view);
        for (ClientConnection connection : List.copyOf(subscribed)) {
            connection.subscription(view.ceremony())
                    .flatMap(selection::forFilter)
                    .ifPresent(mine -> deliver(connection, mine.frame(), mine));
        }
    }

    @Override
    public void reset(CeremonyView view, FeedUpdate update) {
        Set<ClientConnection> subscribed = subscribers.get(view.ceremony());
        if (subscribed == null) {
            return;
        }
        String reason = "the ceremony's history was reset (new epoch " + view.epoch() + ")";
        for (ClientConnection connection : List.copyOf(subscribed)) {
            connection.subscription(view.ceremony())
                    .ifPresent(filter -> sendReset(connection, Catchup.reset(view, filter, reason)));
        }
    }

    private void deliver(ClientConnection connection, String json) {
        deliver(connection, Buffer.buffer(json), null);
    }

    /**
     * Every frame to a client goes through here, so none can overtake a waiting one. Closes a client that has
     * fallen too far behind: too many frames waiting, or waiting too long.
     */
    private void deliver(ClientConnection connection, Buffer frame, FeedUpdate update) {
        delivery.deliver(connection.outbox(), frame, update, reason -> closeTooSlow(connection, reason));
    }

    private void closeTooSlow(ClientConnection connection, String reason) {
        LOG.debug("WebSocket {} closed: {}", connection.remote(), reason);
        connection.close(CloseCodes.TOO_SLOW, reason);
    }

    /**
     * Pings every client, and closes those silent for three intervals (a dead phone never sends a close), those
     * whose frames have waited too long (even if no new update came to notice it), and those whose token expired.
     */
    private void heartbeat() {
        long now = now();
        for (ClientConnection connection : List.copyOf(connections)) {
            connection.outbox().flush(); // in case a drain was missed: it costs nothing when nothing waits
            if (now - connection.lastHeard() > 3 * limits.heartbeatMs()) {
                LOG.debug("WebSocket {} silent for {} ms: closing", connection.remote(), now - connection.lastHeard());
                connection.close(CloseCodes.TOO_SLOW, "no pong or message for 3 heartbeats; reconnect and resume");
            } else if (access.expired(connection.grant())) {
                connection.close(CloseCodes.UNAUTHORIZED, "token expired: reconnect with a fresh token and resume");
            } else {
                delivery.closeIfBehindTooLong(connection.outbox(), now, reason -> closeTooSlow(connection, reason));
                connection.ping();
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
        return Delivery.now();
    }
}
