package dev.awardsticker.gateway.transport.websocket;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.AuthException;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.hub.Client;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.transport.Loop;
import dev.awardsticker.gateway.transport.netty.RawSocket;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Ping;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Subscribe;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Unsubscribe;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint of one event loop: upgrades requests, parses what clients send and tells the loop's
 * {@link Hub}, which decides what goes back. Runs on the loop that owns the sockets it accepts.
 */
public final class WebSocketEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    /**
     * A socket holding more unsent bytes than this counts as full, and further frames wait in the client's outbox.
     * Small on purpose (Netty's default): what sits in the socket can no longer be conflated, what waits in the
     * outbox can, so a slow client gets fresh tallies sooner.
     */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;

    private final Hub hub;
    private final AccessControl access;
    private final Loop loop;
    private boolean shuttingDown;

    public WebSocketEndpoint(Loop loop) {
        this.loop = loop;
        this.hub = loop.hub();
        this.access = loop.access();
    }

    /** New handshakes get 503 from now on. */
    public void shutdown() {
        shuttingDown = true;
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

    private void refuse(ServerWebSocket socket, String reason) {
        LOG.debug("WebSocket {} refused: {}", socket.remoteAddress(), reason);
        socket.close(CloseCodes.UNAUTHORIZED, CloseCodes.fitReason(reason));
    }

    /** @param channel the upgraded HTTP connection: the socket's channel */
    private void accept(ServerWebSocket socket, HttpConnection channel, Grant grant) {
        Client[] client = new Client[1];
        RawSocket raw = loop.seam().upgraded(loop.batching(), channel, () -> hub.drain(client[0]));
        WebSocketOutlet outlet = new WebSocketOutlet(socket, raw);
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        client[0] = hub.connect(outlet, grant);
        Client connected = client[0];
        socket.frameHandler(frame -> onFrame(connected, outlet, frame));
        socket.textMessageHandler(text -> onText(connected, outlet, text));
        socket.binaryMessageHandler(data -> outlet.close(CloseCodes.BAD_MESSAGE,
                "binary frames are not part of the protocol: send JSON text frames"));
        if (raw == null) {
            socket.drainHandler(v -> hub.drain(connected));
        }
        socket.exceptionHandler(e -> onError(outlet, e));
        socket.closeHandler(v -> hub.disconnect(connected));
        LOG.debug("WebSocket {} connected", outlet.remote());
    }

    /**
     * Every frame proves the client is alive (pongs included) and counts toward the message size limit. Vert.x
     * hands a frame to its message aggregator before this handler, and the aggregator refuses a message over the
     * limit itself (see {@link #onError}); this catches what it does not see.
     */
    private void onFrame(Client client, WebSocketOutlet outlet, WebSocketFrame frame) {
        hub.heard(client);
        if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
            long size = outlet.received(frame.isContinuation(), frame.binaryData().length());
            if (size > CloseCodes.MAX_MESSAGE_BYTES) {
                outlet.close(CloseCodes.MESSAGE_TOO_BIG, tooBigReason());
            }
        }
    }

    /**
     * A frame over the size limit fails in Netty's decoder, from its header, before anything is read; a message
     * over the limit in several frames fails in Vert.x's aggregator (an IllegalStateException about the "max message
     * size") before it is handed over. Either way it is closed with 1009, saying why, and never parsed.
     */
    private void onError(WebSocketOutlet outlet, Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupt) {
            WebSocketCloseStatus status = corrupt.closeStatus() == null
                    ? WebSocketCloseStatus.PROTOCOL_ERROR : corrupt.closeStatus();
            outlet.close((short) status.code(),
                    status.code() == CloseCodes.MESSAGE_TOO_BIG ? tooBigReason() : status.reasonText());
        } else if (error instanceof IllegalStateException && String.valueOf(error.getMessage())
                .contains("max message size")) {
            outlet.close(CloseCodes.MESSAGE_TOO_BIG, tooBigReason());
        }
        LOG.debug("WebSocket {}: {}", outlet.remote(), error.getMessage());
    }

    private static String tooBigReason() {
        return "message larger than " + CloseCodes.MAX_MESSAGE_BYTES + " bytes; requests are small JSON objects";
    }

    private void onText(Client client, WebSocketOutlet outlet, String text) {
        if (!outlet.isOpen()) {
            return;
        }
        ClientRequest request;
        try {
            request = RequestParser.parse(text);
        } catch (BadRequestException e) {
            LOG.debug("WebSocket {} sent a bad frame: {}", outlet.remote(), e.getMessage());
            hub.error(client, e.getMessage(), null);
            return;
        }
        if (request instanceof Subscribe subscribe) {
            hub.subscribe(client, subscribe.ceremony(), subscribe.filter(), subscribe.resume(), null);
        } else if (request instanceof Unsubscribe unsubscribe) {
            hub.unsubscribe(client, unsubscribe.ceremony());
        } else if (request instanceof Ping) {
            hub.pong(client);
        }
    }
}
