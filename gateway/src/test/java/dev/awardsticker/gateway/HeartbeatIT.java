package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.hub.ClientStats;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server pings keep live clients connected and weed out silent ones; clients that stay behind are closed too. */
@ExtendWith(KafkaBrokerExtension.class)
class HeartbeatIT {
    private static final long HEARTBEAT_MS = 200;

    private static final long EPOCH = 3;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0)
                .withHeartbeatMs(HEARTBEAT_MS)).await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
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

    /**
     * A client that keeps talking but stops reading: once frames have waited unsent for a heartbeat interval it is
     * closed with 4408, well before its queue's bound, and resuming gives it exactly what it missed.
     */
    @Test
    void aClientThatStaysBehindIsClosedWith4408AndResumesWhereItLeftOff() throws Exception {
        String ceremony = uniqueCeremony("behind");
        producer.send(defined(ceremony, EPOCH, 1));
        long closedBefore = stats().closedTooSlow();
        List<Long> produced = new ArrayList<>(List.of(1L));
        try (TestClient client = TestClient.connectWithSmallBuffer(vertx, gateway.port()).subscribe(ceremony)) {
            client.awaitFrame("snapshot");
            client.pingEvery(vertx, HEARTBEAT_MS / 4).pause();
            // Alerts until some wait: from then on the clock runs, whatever the socket buffers took first.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                ClientStats stats = stats();
                if (stats.pendingFrames() == 0 && stats.closedTooSlow() == closedBefore) {
                    produce(ceremony, produced, 50);
                }
                return stats.pendingFrames() > 0 || stats.closedTooSlow() > closedBefore;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> stats().closedTooSlow() > closedBefore);
            assertTrue(stats().peakPendingFrames() < GatewayConfig.DEFAULT_CLIENT_QUEUE_MAX);

            client.resume();
            client.awaitClosed();
            assertEquals((short) 4408, client.closeCode());
            assertTrue(client.closeReason().contains("waited unread"), client.closeReason());
            List<Long> seen = client.updateSeqs();
            long lastSeq = seen.get(seen.size() - 1);
            assertEquals(LongStream.rangeClosed(2, lastSeq).boxed().toList(), seen, "alerts are never dropped");

            long last = produced.get(produced.size() - 1);
            try (TestClient again = TestClient.connect(vertx, gateway.port()).resume(ceremony, EPOCH, lastSeq)) {
                JsonNode resumed = again.awaitFrame("resumed");
                assertEquals(lastSeq + 1, resumed.path("fromSeq").asLong());
                assertEquals(LongStream.rangeClosed(lastSeq + 1, last).boxed().toList(),
                        again.awaitUpdatesThrough(last), "exactly what it missed");
            }
        }
    }

    private static void produce(String ceremony, List<Long> produced, int count) {
        List<CeremonyUpdate> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seq = produced.get(produced.size() - 1) + 1;
            produced.add(seq);
            batch.add(alert(ceremony, EPOCH, seq, PICTURE, MOONLIGHT));
        }
        producer.send(batch);
    }

    private static ClientStats stats() throws Exception {
        return gateway.clientStats().await(5, TimeUnit.SECONDS);
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
