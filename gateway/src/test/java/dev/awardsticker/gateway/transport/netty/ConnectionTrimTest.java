package dev.awardsticker.gateway.transport.netty;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConnectionTrim} against the Vert.x in use: both trims apply (so a Vert.x upgrade that moves the fields fails
 * here, not silently in production), the handshake's HTTP connection becomes garbage, and a socket whose queue was
 * swapped still gets every frame in order through back-pressure.
 */
class ConnectionTrimTest {
    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient clients;
    private final CompletableFuture<ServerWebSocket> accepted = new CompletableFuture<>();
    private final CompletableFuture<List<Boolean>> trimmed = new CompletableFuture<>();
    private volatile WeakReference<HttpConnection> handshake;
    private volatile Context serverContext;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/ws").handler(ctx -> {
            HttpConnection connection = ctx.request().connection();
            handshake = new WeakReference<>(connection);
            ctx.request().toWebSocket().onSuccess(socket -> {
                trimmed.complete(List.of(ConnectionTrim.releaseHandshake(connection),
                        ConnectionTrim.shrinkWriteQueue(connection)));
                socket.setWriteQueueMaxSize(8 * 1024);
                socket.textMessageHandler(socket::writeTextMessage); // an echo
                serverContext = vertx.getOrCreateContext();
                accepted.complete(socket);
            });
        });
        server = vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(8 * 1024)).requestHandler(router)
                .listen(0, "localhost").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private WebSocket connect() throws Exception {
        // Held in a field: a Vert.x 5 WebSocketClient that is garbage collected closes its connections.
        clients = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(8 * 1024));
        return clients.connect(new WebSocketConnectOptions().setPort(server.actualPort()).setHost("localhost")
                        .setURI("/ws"))
                .await(10, TimeUnit.SECONDS);
    }

    @Test
    void theHandshakesHttpConnectionBecomesGarbageAndTheSocketStillWorks() throws Exception {
        WebSocket client = connect();
        List<String> echoed = new CopyOnWriteArrayList<>();
        client.textMessageHandler(echoed::add);
        accepted.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(true, true), trimmed.get(10, TimeUnit.SECONDS));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return handshake.get() == null;
        });

        client.writeTextMessage("still there?");
        await().atMost(Duration.ofSeconds(10)).until(() -> echoed.size() == 1);
        assertEquals(List.of("still there?"), echoed);
    }

    /** The client stops reading, so writes wait in the (swapped) queue; when it reads again all arrive, in order. */
    @Test
    void framesThatWaitInTheSmallQueueAllArriveInOrder() throws Exception {
        WebSocket client = connect();
        List<String> received = new CopyOnWriteArrayList<>();
        client.textMessageHandler(received::add);
        client.pause();
        ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(true, true), trimmed.get(10, TimeUnit.SECONDS));
        String padding = "x".repeat(1_000);
        List<String> frames = IntStream.range(0, 2_000).mapToObj(i -> i + ":" + padding).toList();

        Promise<Boolean> wentFull = Promise.promise();
        serverContext.runOnContext(v -> {
            frames.forEach(socket::writeTextMessage);
            wentFull.complete(socket.writeQueueFull());
        });
        assertTrue(wentFull.future().await(10, TimeUnit.SECONDS), "2 MB to a client that does not read");

        CompletableFuture<Void> drained = new CompletableFuture<>();
        serverContext.runOnContext(v -> socket.drainHandler(d -> drained.complete(null)));
        client.resume();
        drained.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == frames.size());
        assertEquals(frames, received);
    }

    @Test
    void aConnectionThatWasNotUpgradedIsLeftAlone() throws Exception {
        CompletableFuture<List<Boolean>> plain = new CompletableFuture<>();
        HttpServer http = vertx.createHttpServer()
                .requestHandler(request -> {
                    plain.complete(List.of(ConnectionTrim.releaseHandshake(request.connection()),
                            ConnectionTrim.shrinkWriteQueue(request.connection())));
                    request.response().end("ok");
                })
                .listen(0, "localhost").await(10, TimeUnit.SECONDS);
        String body = vertx.createHttpClient().request(HttpMethod.GET, http.actualPort(), "localhost", "/")
                .compose(request -> request.send().compose(response -> response.body()))
                .await(10, TimeUnit.SECONDS).toString();
        assertEquals("ok", body);
        assertEquals(List.of(false, false), plain.get(10, TimeUnit.SECONDS));
        assertFalse(plain.get().contains(true));
    }
}
