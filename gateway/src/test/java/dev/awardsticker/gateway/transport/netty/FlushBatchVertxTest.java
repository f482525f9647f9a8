package dev.awardsticker.gateway.transport.netty;

import dev.awardsticker.gateway.feed.Wire;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FlushBatch} on a real Vert.x 5 WebSocket: frames written through Vert.x's public API inside a batch reach
 * the socket with one flush, in order, and outside a batch each write is flushed as before.
 */
class FlushBatchVertxTest {

    /** At the head of the server socket's pipeline: the flushes that would become syscalls. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        volatile int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient clients;
    private final CompletableFuture<ServerWebSocket> accepted = new CompletableFuture<>();
    private volatile RawSocket raw;
    private final FlushBatch batch = new FlushBatch();
    private final FlushCounter counter = new FlushCounter();
    private volatile Context serverContext;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        // As the gateway does: a Vert.x Web route upgrades the request (Vert.x Web wraps the socket), then attach.
        Router router = Router.router(vertx);
        router.get("/ws").handler(ctx -> {
            HttpConnection connection = ctx.request().connection();
            ctx.request().toWebSocket().onSuccess(socket -> {
                raw = batch.attachRaw(connection, null);
                assertTrue(raw != null);
                ((ConnectionBase) connection).channel().pipeline().addFirst(counter);
                serverContext = vertx.getOrCreateContext();
                accepted.complete(socket);
            });
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "localhost").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private WebSocket connect(List<String> received) throws Exception {
        // Held in a field: a Vert.x 5 WebSocketClient that is garbage collected closes its connections, even one
        // still in its handshake ("Connection closed while handshake in process").
        clients = vertx.createWebSocketClient();
        WebSocket client = clients.connect(server.actualPort(), "localhost", "/ws").await(10, TimeUnit.SECONDS);
        client.textMessageHandler(received::add);
        return client;
    }

    /** Runs {@code writes} on the server socket's event loop and returns the flushes they caused. */
    private int flushesOf(Runnable writes) throws Exception {
        Promise<Integer> flushes = Promise.promise();
        serverContext.runOnContext(v -> {
            int before = counter.flushes;
            writes.run();
            flushes.complete(counter.flushes - before);
        });
        return flushes.future().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aBatchOfFramesIsOneFlushAndArrivesInOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        connect(received);
        ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
        List<String> frames = IntStream.rangeClosed(1, 50).mapToObj(i -> "{\"seq\":" + i + "}").toList();

        int flushes = flushesOf(() -> batch.run(() -> frames.forEach(socket::writeTextMessage)));

        assertEquals(1, flushes);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == frames.size());
        assertEquals(frames, received);
    }

    @Test
    void outsideABatchEveryFrameIsFlushed() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        connect(received);
        ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);

        int flushes = flushesOf(() -> List.of("a", "b", "c").forEach(socket::writeTextMessage));

        assertEquals(3, flushes);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertEquals(List.of("a", "b", "c"), received);
    }

    /** Vert.x's own frames (here a ping, then the close) go out in their place, after the batch's frames. */
    @Test
    void vertxsOwnFramesKeepTheirPlace() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        WebSocket client = connect(received);
        List<String> events = new CopyOnWriteArrayList<>();
        client.frameHandler(frame -> {
            if (frame.isPing()) {
                events.add("ping");
            } else if (frame.isText()) {
                events.add(frame.textData());
            }
        });
        CompletableFuture<Short> closed = new CompletableFuture<>();
        client.closeHandler(v -> closed.complete(client.closeStatusCode()));
        ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);

        flushesOf(() -> batch.run(() -> {
            socket.writeTextMessage("1");
            socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
            socket.writeTextMessage("2");
            socket.close((short) 4001, "bye");
        }));

        assertEquals((short) 4001, closed.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("1", "ping", "2"), events);
    }

    /**
     * The raw path: pre-encoded frames (header included, one of them split into a text and a continuation frame)
     * reach a standard client as text messages, in order with what goes through Vert.x, flushed once per batch.
     */
    @Test
    void preEncodedFramesArriveAsTextMessagesInOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        // Held in a field: see connect().
        clients = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setMaxMessageSize(1 << 20));
        WebSocket client = clients.connect(server.actualPort(), "localhost", "/ws").await(10, TimeUnit.SECONDS);
        client.textMessageHandler(received::add);
        ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
        String big = "{\"pad\":\"" + "y".repeat(150_000) + "\"}";
        List<String> frames = List.of("{\"seq\":1}", "x".repeat(200), big, "{\"seq\":4}");

        int flushes = flushesOf(() -> batch.run(() -> {
            raw.write(Wire.websocket(frames.get(0).getBytes(StandardCharsets.UTF_8)));
            raw.write(Wire.websocket(frames.get(1).getBytes(StandardCharsets.UTF_8)));
            socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
            raw.write(Wire.websocket(frames.get(2).getBytes(StandardCharsets.UTF_8)));
            raw.write(Wire.websocket(frames.get(3).getBytes(StandardCharsets.UTF_8)));
        }));

        // Held back, except once the big frame took the channel past its high-water mark.
        assertTrue(flushes <= 2, flushes + " flushes");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == frames.size());
        assertEquals(frames, received);
        assertTrue(raw.writable());
    }
}
