package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.gateway.hub.ClientStats;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that stop reading: the gateway queues a bounded amount for them, merges their waiting updates (tallies
 * superseded, leaderboard deltas carried forward), never drops their winners or alerts, disconnects them with 4408 when they fall too far behind, and its memory stays flat meanwhile.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SlowClientIT {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientIT.class);
    private static final long EPOCH = 11;
    private static final int QUEUE_MAX = 300;
    /** Above what an overflowing client misses, so its resume is judged by the queue bound, not by this. */
    private static final int RESUME_BUFFER = 1_000;
    /** Few keys, so a stalled client's tallies conflate to a handful of frames. */
    private static final int TALLY_KEYS = 5;
    /** One win with an alert per this many updates: winners and alerts are never dropped, so they fill a queue. */
    private static final int ALERT_EVERY = 100;
    /**
     * Long work names, so that a backlog of tally frames would show plainly in the heap: 8 000 unconflated
     * frames of ~2 KB are ~16 MB, against the tolerance below.
     */
    private static final String PADDING = " " + "x".repeat(2_000);
    /**
     * The test's producer keeps the batch buffers it ever needed at once for reuse; sending in modest chunks keeps
     * that the same in both measurements, so it does not pass for gateway growth.
     */
    private static final int PRODUCER_CHUNK = 500;
    private static final long HEAP_TOLERANCE_BYTES = 6 * 1024 * 1024;

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        // A long heartbeat, so only the queue bound can close a stalled client here (HeartbeatIT covers the time
        // limit). The resume buffer is full after the first 2k updates, so the view's memory does not grow after.
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0)
                .withHeartbeatMs(60_000).withResumeBuffer(RESUME_BUFFER).withClientQueue(QUEUE_MAX, 1024 * 1024))
                .await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aStalledClientGetsTheNewestTallyPerKeyTheStandingAndEveryWinAndAlertWhileGatewayMemoryStaysFlat() throws Exception {
        String ceremony = uniqueCeremony("stalled");
        producer.send(defined(ceremony, EPOCH, 1));
        try (TestClient client = slowClient().subscribe(ceremony)) {
            JsonNode snapshot = client.awaitFrame("snapshot");
            client.pause();

            Ceremony produced = new Ceremony(ceremony);
            produced.send(2_000);
            awaitApplied(ceremony, produced.lastSeq);
            long heapAfter2k = usedHeapAfterGc();
            ClientStats after2k = stats();

            produced.send(8_000);
            awaitApplied(ceremony, produced.lastSeq);
            long heapAfter10k = usedHeapAfterGc();
            ClientStats after10k = stats();
            LOG.info("Stalled client: heap {} KiB after 2k updates, {} KiB after 10k; {} -> {}", heapAfter2k / 1024,
                    heapAfter10k / 1024, after2k, after10k);

            assertTrue(after10k.pendingFrames() > 0, "the client's socket is full, so frames wait: " + after10k);
            assertTrue(after10k.conflated() > 0, "waiting updates were merged: " + after10k);
            assertTrue(after10k.peakPendingFrames() <= QUEUE_MAX, "never above the bound: " + after10k);
            assertTrue(after10k.pendingFrames() <= TALLY_KEYS + produced.alertSeqs.size(), after10k.toString());
            assertEquals(0, after10k.closedTooSlow(), "it stayed within the bound, so it stays connected");
            assertTrue(heapAfter10k - heapAfter2k < HEAP_TOLERANCE_BYTES, "gateway heap grew by "
                    + (heapAfter10k - heapAfter2k) / 1024 + " KiB from 2k to 10k updates");

            client.resume();
            client.awaitUpdatesThrough(produced.lastSeq);
            assertTrue(!client.isClosed());
            assertIncreasing(client.updateSeqs());
            assertTrue(client.updateSeqs().containsAll(produced.alertSeqs), "every win and alert arrived");
            for (JsonNode frame : client.frames()) {
                if (produced.alertSeqs.contains(frame.path("update").path("seq").asLong())) {
                    assertEquals(List.of("WinnerDeclared", "RecordAlert"), types(frame).stream()
                            .filter(t -> t.equals("WinnerDeclared") || t.equals("RecordAlert")).toList(),
                            frame.toString());
                }
            }
            assertEquals(produced.newestTally, newestTallies(client.frames()), "the newest tally of every key");
            assertEquals(produced.standing, standing(snapshot, client.frames()),
                    "the snapshot's leaderboard and the merged deltas give the standing");
            assertTrue(client.updateSeqs().size() < produced.lastSeq - 1, "and fewer updates than were produced: "
                    + client.updateSeqs().size());
        }
    }

    @Test
    void aClientThatFallsTooFarBehindIsClosedWith4408AndCatchesUpOnReconnect() throws Exception {
        String ceremony = uniqueCeremony("overflow");
        producer.send(defined(ceremony, EPOCH, 1));
        long closedBefore = stats().closedTooSlow();
        Ceremony produced = new Ceremony(ceremony);
        try (TestClient client = slowClient().subscribe(ceremony)) {
            client.awaitFrame("snapshot");
            client.pause();
            // Alerts only, which are never conflated: sooner or later the queue is full, however much the socket
            // buffers take first.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                produced.sendAlerts(100);
                return stats().closedTooSlow() > closedBefore;
            });
            LOG.info("Closed after {} alerts: {}", produced.alertSeqs.size(), stats());
            assertTrue(stats().peakPendingFrames() <= QUEUE_MAX);

            client.resume(); // it reads what was sent before the close, then the close frame
            client.awaitClosed();
            assertEquals((short) 4408, client.closeCode());
            assertTrue(client.closeReason().contains("too slow"), client.closeReason());
            assertIncreasing(client.updateSeqs());
            long lastSeq = client.updateSeqs().get(client.updateSeqs().size() - 1);

            // It missed at least a full queue: one snapshot catches it up (PROTOCOL.md, "Slow clients").
            awaitApplied(ceremony, produced.lastSeq);
            // Browsers take messages of any size; Vert.x clients stop at 256 KiB unless told otherwise.
            try (TestClient again = TestClient.connect(vertx, new WebSocketClientOptions().setMaxMessageSize(1 << 24),
                    new WebSocketConnectOptions().setPort(gateway.port())).resume(ceremony, EPOCH, lastSeq)) {
                JsonNode reset = again.awaitFrame("reset");
                assertTrue(reset.path("reason").asText().contains("more than this gateway queues"), reset.toString());
                JsonNode snapshot = again.awaitFrame("snapshot");
                assertEquals(produced.lastSeq, snapshot.path("seq").asLong());
                Set<String> alerts = new LinkedHashSet<>();
                snapshot.path("state").path("alerts").forEach(a -> alerts.add(a.path("alertId").asText()));
                assertEquals(produced.alertIds(), alerts, "every alert, in the order raised");
            }
        }
    }

    private static TestClient slowClient() {
        return TestClient.connectWithSmallBuffer(vertx, gateway.port());
    }

    /** Writes a ceremony's updates as the Streams app would, remembering what a client must end up with. */
    private static final class Ceremony {
        final String id;
        long lastSeq = 1;
        final List<Long> alertSeqs = new ArrayList<>();
        final Map<String, Integer> newestTally = new HashMap<>();
        /** Wins per work as the leaderboard must show them. */
        final Map<String, Integer> standing = new HashMap<>();

        Ceremony(String id) {
            this.id = id;
        }

        /** {@code count} updates: tallies of a few works in turn, and an alert every {@link #ALERT_EVERY}. */
        void send(int count) {
            for (int sent = 0; sent < count; sent += PRODUCER_CHUNK) {
                sendChunk(Math.min(PRODUCER_CHUNK, count - sent));
            }
        }

        private void sendChunk(int count) {
            List<CeremonyUpdate> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long seq = ++lastSeq;
                String work = "Work " + seq % TALLY_KEYS + PADDING;
                TallyUpdated tally = new TallyUpdated(TallyUpdated.Subject.WORK, work, (int) seq, 99);
                LeaderboardChanged board = new LeaderboardChanged(0, 0, List.of(),
                        List.of(new Leaderboard.Entry(1, work, (int) seq, 99)), List.of());
                newestTally.put(work, (int) seq);
                standing.put(work, (int) seq);
                if (seq % ALERT_EVERY == 0) {
                    alertSeqs.add(seq);
                    batch.add(update(id, EPOCH, seq, new WinnerDeclared("Category " + seq, work, work, List.of(),
                            "Studio", false, "editor", 0, 0), tally, board, alertChange(seq)));
                } else {
                    // Not an editor event's shape (every one declares or withdraws a winner), but what a slow
                    // client's queue must be able to drop whole.
                    batch.add(update(id, EPOCH, seq, tally, board));
                }
            }
            producer.send(batch);
        }

        void sendAlerts(int count) {
            List<CeremonyUpdate> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(alert(++lastSeq));
            }
            producer.send(batch);
        }

        private CeremonyUpdate alert(long seq) {
            alertSeqs.add(seq);
            return update(id, EPOCH, seq, alertChange(seq));
        }

        private static RecordAlert alertChange(long seq) {
            return new RecordAlert("alert-" + seq, RecordAlert.Kind.RECORD_BROKEN, "Record " + seq, "Work " + seq,
                    PICTURE, 7, "most-wins-single-work", 6, List.of(), "test");
        }

        Set<String> alertIds() {
            Set<String> ids = new LinkedHashSet<>();
            alertSeqs.forEach(seq -> ids.add("alert-" + seq));
            return ids;
        }
    }

    private static Map<String, Integer> newestTallies(List<JsonNode> frames) {
        Map<String, Integer> newest = new HashMap<>();
        for (JsonNode frame : frames) {
            for (JsonNode change : frame.path("update").path("changes")) {
                if ("TallyUpdated".equals(change.path("type").asText())) {
                    newest.put(change.path("name").asText(), change.path("wins").asInt());
                }
            }
        }
        return newest;
    }

    /** Wins per work: the snapshot's leaderboard with every received delta applied, as a client does. */
    private static Map<String, Integer> standing(JsonNode snapshot, List<JsonNode> frames) {
        Map<String, Integer> wins = new HashMap<>();
        snapshot.path("state").path("leaderboard").path("works")
                .forEach(e -> wins.put(e.path("work").asText(), e.path("wins").asInt()));
        for (JsonNode frame : frames) {
            for (JsonNode change : frame.path("update").path("changes")) {
                if ("LeaderboardChanged".equals(change.path("type").asText())) {
                    change.path("removed").forEach(work -> wins.remove(work.asText()));
                    change.path("entries").forEach(e -> wins.put(e.path("work").asText(), e.path("wins").asInt()));
                }
            }
        }
        return wins;
    }

    private static List<String> types(JsonNode frame) {
        List<String> types = new ArrayList<>();
        frame.path("update").path("changes").forEach(c -> types.add(c.path("type").asText()));
        return types;
    }

    private static void assertIncreasing(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), "seq " + seqs.get(i) + " after " + seqs.get(i - 1));
        }
    }

    private static ClientStats stats() throws Exception {
        return gateway.clientStats().await(5, TimeUnit.SECONDS);
    }

    private static void awaitApplied(String ceremony, long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response response = Http.get(gateway.port(), "/api/ceremonies/" + ceremony);
            return response.status() == 200 && response.json().path("seq").asLong() >= seq;
        });
    }

    /** Heap in use after full collections; the lowest of a few readings, as a collection may lag a little. */
    private static long usedHeapAfterGc() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
