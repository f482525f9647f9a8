package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.gateway.hub.ClientStats;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway with two event loops: connections land on both (Vert.x hands them to the loops in turn), and a client
 * cannot tell which loop serves it: the same updates, the same resumes, the same SSE positions; metrics add up.
 */
@ExtendWith(KafkaBrokerExtension.class)
class MultiLoopIT {
    private static final long EPOCH = 11;
    private static final int LOOPS = 2;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;
    private static String gatewayBootstrap;

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        gatewayBootstrap = broker.bootstrapServers();
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0).withEventLoops(LOOPS))
                .await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsOnEveryLoopGetTheSameUpdatesResumesAndPositions() throws Exception {
        String ceremony = uniqueCeremony("loops");
        producer.send(history(ceremony, EPOCH, 3));
        awaitSeq(ceremony, 3);
        List<TestClient> sockets = new ArrayList<>();
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                sockets.add(TestClient.connect(vertx, gateway.port()).subscribe(ceremony));
            }
            for (int i = 0; i < 4; i++) {
                streams.add(SseClient.connect(vertx, gateway.port(), "/sse?ceremony=" + ceremony));
            }
            for (TestClient socket : sockets) {
                assertEquals(3, socket.awaitFrame("snapshot").path("seq").asLong());
            }
            for (SseClient stream : streams) {
                assertEquals(ceremony + ":" + EPOCH + ":3", stream.awaitEvent("snapshot").id());
            }
            ClientStats stats = gateway.clientStats().await(10, TimeUnit.SECONDS);
            assertEquals(LOOPS, stats.clientsPerLoop().size());
            assertTrue(stats.clientsPerLoop().stream().allMatch(n -> n >= 3), "both loops serve clients: " + stats);
            assertEquals(6, stats.connections());

            producer.send(history(ceremony, EPOCH, 6).subList(3, 6));
            List<JsonNode> first = null;
            for (TestClient socket : sockets) {
                assertEquals(List.of(4L, 5L, 6L), socket.awaitUpdatesThrough(6));
                List<JsonNode> frames = socket.frames();
                if (first == null) {
                    first = frames;
                }
                assertEquals(first, frames, "every loop sends the same frames");
            }
            List<String> firstEvents = null;
            for (SseClient stream : streams) {
                assertEquals(List.of(4L, 5L, 6L), stream.awaitUpdatesThrough(6));
                List<String> events = stream.events().stream().map(e -> e.id() + " " + e.data()).toList();
                if (firstEvents == null) {
                    firstEvents = events;
                }
                assertEquals(firstEvents, events);
            }
            assertMetricsAddUp();
        } finally {
            for (TestClient socket : sockets) {
                socket.close();
            }
            for (SseClient stream : streams) {
                stream.close();
            }
        }

        List<List<JsonNode>> resumes = new ArrayList<>();
        List<List<String>> sseResumes = new ArrayList<>();
        for (int i = 0; i < 2 * LOOPS; i++) {
            try (TestClient client = TestClient.connect(vertx, gateway.port()).resume(ceremony, EPOCH, 4);
                 SseClient stream = SseClient.connect(vertx, gateway.port(), "/sse?ceremony=" + ceremony,
                         "Last-Event-ID", ceremony + ":" + EPOCH + ":4")) {
                client.awaitUpdatesThrough(6);
                stream.awaitUpdatesThrough(6);
                resumes.add(client.frames());
                sseResumes.add(stream.events().stream().map(e -> e.type() + " " + e.id() + " " + e.data()).toList());
            }
        }
        assertEquals(List.of("resumed", "update", "update"), resumes.get(0).stream()
                .map(f -> f.path("type").asText()).toList());
        assertTrue(resumes.stream().allMatch(resumes.get(0)::equals), "a resume is answered alike on every loop");
        assertTrue(sseResumes.get(0).get(0).startsWith("resumed"), sseResumes.get(0).toString());
        assertTrue(sseResumes.stream().allMatch(sseResumes.get(0)::equals), "so is a Last-Event-ID");
    }

    /** Without the Netty seam everything goes through Vert.x's public API, and clients cannot tell. */
    @Test
    void withoutTheNettySeamClientsGetTheSameFrames() throws Exception {
        String ceremony = uniqueCeremony("no-seam");
        producer.send(history(ceremony, EPOCH, 2));
        awaitSeq(ceremony, 2);
        GatewayService plain = GatewayService.start(vertx, GatewayConfig.of(gatewayBootstrap, 0).withEventLoops(1)
                .withNettySeam(false)).await(10, TimeUnit.SECONDS);
        try (TestClient viaSeam = TestClient.connect(vertx, gateway.port()).subscribe(ceremony);
             TestClient viaApi = TestClient.connect(vertx, plain.port()).subscribe(ceremony);
             SseClient stream = SseClient.connect(vertx, plain.port(), "/sse?ceremony=" + ceremony)) {
            assertEquals(2, viaApi.awaitFrame("snapshot").path("seq").asLong());
            viaSeam.awaitFrame("snapshot");
            stream.awaitEvent("snapshot");
            producer.send(history(ceremony, EPOCH, 4).subList(2, 4));
            assertEquals(List.of(3L, 4L), viaApi.awaitUpdatesThrough(4));
            assertEquals(List.of(3L, 4L), stream.awaitUpdatesThrough(4));
            viaSeam.awaitUpdatesThrough(4);
            assertEquals(viaSeam.frames(), viaApi.frames());
        } finally {
            plain.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Clients and frames summed over the loops; each loop reports its own frames and task times. */
    private static void assertMetricsAddUp() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = Http.get(gateway.port(), "/metrics").body();
            assertEquals(6, value(metrics, "ticker_gateway_clients\\{transport=\"websocket\"}"), metrics);
            assertEquals(4, value(metrics, "ticker_gateway_clients\\{transport=\"sse\"}"));
            double perLoop = 0;
            for (int loop = 0; loop < LOOPS; loop++) {
                double written = value(metrics, "ticker_gateway_loop_frames_written_total\\{loop=\"" + loop + "\"}");
                assertTrue(written > 0, "loop " + loop + " wrote frames");
                perLoop += written;
                assertTrue(value(metrics, "ticker_gateway_loop_task_seconds_max\\{loop=\"" + loop + "\"}") >= 0);
            }
            double total = value(metrics, "ticker_gateway_frames_sent_total\\{transport=\"websocket\"}")
                    + value(metrics, "ticker_gateway_frames_sent_total\\{transport=\"sse\"}");
            assertEquals(total, perLoop, "the loops' frames are the transports' frames");
            // 6 sockets and 4 streams: a snapshot and 3 updates each.
            assertTrue(total >= 40, metrics);
        });
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), "no " + series + " in /metrics");
        return Double.parseDouble(m.group(1));
    }

    /** Until one loop serves {@code seq}; then every loop does (the feed hands a batch to all loops at once). */
    private static void awaitSeq(String ceremony, long seq) throws Exception {
        Http.awaitSeq(gateway.port(), ceremony, seq);
        // A task on every loop, queued after the batch: once it ran, every loop has taken the batch.
        gateway.clientStats().await(10, TimeUnit.SECONDS);
    }
}
