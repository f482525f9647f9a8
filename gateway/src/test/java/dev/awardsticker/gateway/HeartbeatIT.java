package dev.awardsticker.gateway;

import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Server pings keep live clients connected and weed out silent ones. */
@ExtendWith(KafkaBrokerExtension.class)
class HeartbeatIT {
    private static final long HEARTBEAT_MS = 200;

    private static Vertx vertx;
    private static GatewayService gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0)
                .withHeartbeatMs(HEARTBEAT_MS)).await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() throws Exception {
        try (TestClient client = TestClient.connect(vertx, gateway.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.pings() >= 5);
            await().during(Duration.ofMillis(5 * HEARTBEAT_MS)).atMost(Duration.ofSeconds(5))
                    .until(() -> !client.isClosed());
        }
    }

    /** A raw socket that completes the handshake and then never answers, like a phone that went away. */
    @Test
    void aSilentClientIsClosedWith4408() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        NetSocket socket = vertx.createNetClient().connect(gateway.port(), "localhost").await(5, TimeUnit.SECONDS);
        socket.handler(data -> {
            synchronized (received) {
                received.writeBytes(data.getBytes());
            }
        });
        socket.write("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (received) {
                    return containsCloseFrame(received.toByteArray(), 4408);
                }
            });
        } finally {
            socket.close();
        }
    }

    /** Server frames are unmasked: a close frame is 0x88, a one-byte length, then the code. */
    private static boolean containsCloseFrame(byte[] bytes, int code) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0x88 && (bytes[i + 2] & 0xff) == code >> 8 && (bytes[i + 3] & 0xff) == (code & 0xff)) {
                return true;
            }
        }
        return false;
    }
}
