package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
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
import java.util.stream.LongStream;

import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SSE client that stops reading gets the WebSocket's slow-client policy: a bounded queue, alerts never dropped,
 * and once over the bound the stream is dropped; it reconnects with its Last-Event-ID and catches up.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SlowSseIT {
    private static final long EPOCH = 19;
    private static final int QUEUE_MAX = 50;
    /** Fat alerts, so that socket buffers fill after a few hundred. */
    private static final String PADDING = "x".repeat(1_000);

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        // A long heartbeat, so only the queue bound can drop the stalled client here.
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0)
                .withHeartbeatMs(60_000).withClientQueue(QUEUE_MAX, 1024 * 1024)).await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aStreamThatFallsTooFarBehindIsDroppedAndResetsOnReconnect() throws Exception {
        String ceremony = uniqueCeremony("sse-slow");
        producer.send(defined(ceremony, EPOCH, 1));
        awaitApplied(ceremony, 1);
        double droppedBefore = slowDisconnects();
        long[] lastSeq = {1};
        String lastEventId;
        List<Long> seen;
        try (SseClient client = SseClient.connectWithSmallBuffer(vertx, gateway.port(), "/sse?ceremony=" + ceremony)) {
            client.awaitEvent("snapshot");
            client.pause();
            // Alerts only, which are never conflated: sooner or later the queue is full.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                producer.send(alerts(ceremony, lastSeq, 100));
                return slowDisconnects() > droppedBefore;
            });
            client.resume(); // it reads what reached it before the drop
            client.awaitEnded();
            seen = client.updateSeqs();
            lastEventId = client.lastEventId();
        }
        // Nothing dropped or reordered before the drop: exactly 2, 3, ... up to where it stopped.
        assertTrue(!seen.isEmpty());
        assertEquals(LongStream.rangeClosed(2, seen.get(seen.size() - 1)).boxed().toList(), seen);
        assertEquals(ceremony + ":" + EPOCH + ":" + seen.get(seen.size() - 1), lastEventId);

        // It missed more than a queue holds: one snapshot catches it up (as for a WebSocket).
        awaitApplied(ceremony, lastSeq[0]);
        try (SseClient again = SseClient.connect(vertx, gateway.port(), "/sse?ceremony=" + ceremony,
                "Last-Event-ID", lastEventId)) {
            JsonNode reset = again.awaitEvent("reset").json();
            assertTrue(reset.path("reason").asText().contains("more than this gateway queues"), reset.toString());
            JsonNode snapshot = again.awaitEvent("snapshot").json();
            assertEquals(lastSeq[0], snapshot.path("seq").asLong());
            assertEquals(lastSeq[0] - 1, snapshot.path("state").path("alerts").size(), "every alert");
        }
    }

    private static List<CeremonyUpdate> alerts(String ceremony, long[] lastSeq, int count) {
        List<CeremonyUpdate> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seq = ++lastSeq[0];
            batch.add(update(ceremony, EPOCH, seq, new RecordAlert("alert-" + seq, RecordAlert.Kind.RECORD_BROKEN,
                    "Record " + seq + " " + PADDING, "Work " + seq, PICTURE, 7, "most-wins-single-work", 6, List.of(),
                    "test")));
        }
        return batch;
    }

    private static double slowDisconnects() {
        return Http.get(gateway.port(), "/metrics").body().lines()
                .filter(l -> l.startsWith("ticker_gateway_slow_disconnects_total{transport=\"sse\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitApplied(String ceremony, long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response response = Http.get(gateway.port(), "/api/ceremonies/" + ceremony);
            return response.status() == 200 && response.json().path("seq").asLong() >= seq;
        });
    }
}
