package dev.awardsticker.resilience;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.kafka.ProcessCluster;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.TopicProbe;
import io.vertx.core.Vertx;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production shape of docker-compose.yml, every part a process of its own: three KRaft brokers (replication
 * factor 3, min.insync.replicas 2, the failover settings of {@link EmbeddedKafka#FAST_FAILOVER}) and two instances
 * of each service, with docker-compose.yml's Streams failover settings. The real 74th Golden Globes are replayed
 * through them while one of each service is killed with SIGKILL, then, each while a win is in flight, the broker
 * leading the ceremony's updates and the broker coordinating the live Streams app's transactions; then the cluster
 * loses its quorum for a while. Afterwards every acknowledged win is counted exactly once, the tallies are exact,
 * no alert id appears twice, and the screens resumed without a gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "fault-desk-token";
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
    private static final String ID = GG74.definition().id();

    private ProcessCluster cluster;
    private Path brokerData;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<String> faults = new CopyOnWriteArrayList<>();
    private final Map<String, FailoverEditor.Answer> acknowledged = new LinkedHashMap<>();
    private Vertx vertx;
    private ResumingViewer viewerA;
    private ResumingViewer viewerB;
    private ResumingSseReader newsroom;
    private FailoverEditor editor;
    private String applicationId;

    @BeforeAll
    void startTheProductionShape() throws InterruptedException {
        cluster = ProcessCluster.onFreePorts(3);
        brokerData = tempDir("brokers");
        for (int id = 1; id <= 3; id++) {
            startBroker(id);
        }
        cluster.awaitInSync(3, START);
        TopicSetup.ensureTopics(cluster.bootstrapServers(), (short) 3, 2);
        applicationId = "fault-" + UUID.randomUUID();
        for (int i = 1; i <= 2; i++) {
            start("streams-" + i);
            start("ingest-" + i);
            start("gateway-" + i);
        }
        services.values().stream().filter(s -> !s.name.startsWith("broker")).forEach(s -> s.awaitReady(START));
        vertx = Vertx.vertx();
        viewerA = new ResumingViewer(vertx, List.of(port("gateway-1"), port("gateway-2")), ID).start();
        viewerB = new ResumingViewer(vertx, List.of(port("gateway-2"), port("gateway-1")), ID).start();
        newsroom = new ResumingSseReader(List.of(port("gateway-1"), port("gateway-2")), ID).start();
        editor = new FailoverEditor(this::ingestUrls, TOKEN);
    }

    /** Broker {@code id} as a process of its own, on its ports and data folder (a restart comes back as the same node). */
    private void startBroker(int id) {
        services.put("broker-" + id, ServiceProcess.start("broker-" + id, dev.awardsticker.kafka.Main.class,
                cluster.brokerPorts().get(id - 1), cluster.env(id, brokerData.resolve("node-" + id))));
    }

    private void start(String name) {
        int port = services.containsKey(name) ? services.get(name).port : ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers()));
        Class<?> main;
        if (name.startsWith("streams")) {
            main = dev.awardsticker.streams.Main.class;
            env.putAll(Map.of("STREAMS_APPLICATION_ID", applicationId, "STREAMS_HTTP_PORT", Integer.toString(port),
                    "STREAMS_STATE_DIR", tempDir(name).toString(), "STREAMS_REPLICATION_FACTOR", "3",
                    "TOPIC_REPLICATION_FACTOR", "3",
                    // docker-compose.yml's takeover settings (its brokers allow sessions this short)
                    "STREAMS_SESSION_TIMEOUT_MS", "2000", "STREAMS_TRANSACTION_TIMEOUT_MS", "4000"));
        } else if (name.startsWith("ingest")) {
            main = dev.awardsticker.ingest.Main.class;
            env.putAll(Map.of("INGEST_PORT", Integer.toString(port), "INGEST_TOKENS", "fault-desk=" + TOKEN,
                    "INGEST_KAFKA_TIMEOUT_MS", "3000"));
        } else {
            main = dev.awardsticker.gateway.Main.class;
            env.put("GATEWAY_PORT", Integer.toString(port));
        }
        services.put(name, ServiceProcess.start(name, main, port, env));
    }

    private List<String> ingestUrls() {
        return services.entrySet().stream().filter(e -> e.getKey().startsWith("ingest-"))
                .map(e -> e.getValue().url("")).toList();
    }

    private int port(String name) {
        return services.get(name).port;
    }

    @AfterAll
    void stopEverything() {
        if (viewerA != null) {
            viewerA.close();
            viewerB.close();
            newsroom.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        // Services first, together (their clean stop commits and leaves groups through the brokers), then the
        // brokers with SIGKILL: their data is thrown away, and a cluster stopped cleanly waits for its last broker,
        // which has lost its quorum, for 20 s.
        ServiceProcess.closeAll(services.values().stream().filter(s -> !s.name.startsWith("broker")).toList());
        for (ServiceProcess broker : services.values().stream().filter(s -> s.name.startsWith("broker")).toList()) {
            try {
                broker.kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    @Order(1)
    void aWholeCeremonyReplayedThroughCrashesAndABrokerLossCountsEveryAcknowledgedWinOnce() throws Exception {
        assertTrue(editor.post("/records", ReferenceRecordsLoader.before(GG74.definition()), 0, WAIT).acknowledged());
        assertTrue(editor.post("/ceremonies", GG74.definition(), 0, WAIT).acknowledged());
        List<AnnouncedWin> wins = GG74.results();
        Set<String> decided = new java.util.HashSet<>();
        for (int i = 0; i < wins.size(); i++) {
            injectFaultBefore(i + 1);
            AnnouncedWin win = wins.get(i);
            String eventId = Replayer.eventId(ID, win.order());
            Map<String, Object> body = Map.of("eventId", eventId, "category", win.category(),
                    "nominee", win.nominee(), "tie", !decided.add(win.category()));
            int preferred = i;
            CompletableFuture<FailoverEditor.Answer> posted = CompletableFuture.supplyAsync(() -> {
                try {
                    return editor.post("/ceremonies/" + ID + "/wins", body, preferred, WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            injectFaultDuring(i + 1); // while the win is on its way: in ingest, on the broker or in Streams
            FailoverEditor.Answer answer = posted.get(WAIT.toSeconds() + 10, TimeUnit.SECONDS);
            assertTrue(answer.acknowledged(), () -> eventId + " not acknowledged: " + answer + "; " + editor.log);
            acknowledged.put(eventId, answer);
        }
        assertEquals(wins.size(), acknowledged.size());

        List<CeremonyUpdate> log = awaitCommittedUpdates(wins.size());
        // Every acknowledged win is one update declaring it, whatever instance took it and however often it was sent.
        Map<String, Long> declared = log.stream().filter(u -> !u.changesOf(WinnerDeclared.class).isEmpty())
                .collect(Collectors.groupingBy(CeremonyUpdate::eventId, Collectors.counting()));
        assertEquals(acknowledged.keySet(), declared.keySet());
        assertTrue(declared.values().stream().allMatch(n -> n == 1), () -> "declared more than once: " + declared);
        // One numbering, one update per command (the definition, then the wins), no gaps, no duplicates, even across
        // two Streams instances and a crash.
        assertEquals(LongStream.rangeClosed(1, 1 + wins.size()).boxed().toList(),
                log.stream().map(CeremonyUpdate::seq).toList());
        assertEquals(1, log.stream().map(CeremonyUpdate::epoch).distinct().count());
        // Exactly the real tallies.
        Map<String, TallyUpdated> works = latestWorkTallies(log);
        expectedWorkTallies().forEach((work, winsAndNominations) -> assertEquals(winsAndNominations,
                List.of(works.get(work).wins(), works.get(work).nominations()), work));
        // Exactly the true alerts, each id once.
        List<RecordAlert> alerts = log.stream().flatMap(u -> u.changesOf(RecordAlert.class).stream()).toList();
        assertEquals(alerts.size(), alerts.stream().map(RecordAlert::alertId).distinct().count(), () -> "alert twice: " + alerts);
        assertEquals(List.of("PERFECT_NIGHT La La Land", "RECORD_BROKEN La La Land", "RECORD_TIED La La Land",
                        "YOUNGEST_WINNER Damien Chazelle"),
                alerts.stream().map(a -> a.kind() + " " + a.subject()).sorted().toList());

        // Both screens followed through a gateway crash: every update once, in order, none missing, whole (the
        // changes a screen applied are the ones on the log). Two WebSocket screens and the newsroom's SSE reader
        // (resuming with Last-Event-ID on the other gateway).
        for (GapFreeLog screen : List.of(viewerA.log(), viewerB.log(), newsroom.log())) {
            await().atMost(WAIT).until(() -> screen.lastSeq() == log.size());
            assertEquals(List.of(), screen.problems(), () -> "sessions: " + screen.sessions());
            assertEquals(log.stream().map(CeremonyUpdate::seq).toList(),
                    screen.applied().stream().map(CeremonyUpdate::seq).toList());
            assertEquals(works, latestWorkTallies(screen.applied()));
        }
        assertTrue(viewerA.log().sessions().stream().anyMatch(s -> s.contains("resume after")),
                () -> "viewer A never had to resume: " + viewerA.log().sessions());
        assertTrue(newsroom.log().sessions().stream().anyMatch(s -> s.contains(" from ")),
                () -> "the SSE reader never had to resume: " + newsroom.log().sessions());
        System.out.printf("FAULTS %s%nWINS acknowledged %d (retried %d), declared once each: %d; updates %d, gap-free;"
                        + " work tallies verified %d; alerts %d, duplicate alert ids 0; WebSocket viewer A sessions %s; SSE sessions %s%n",
                faults, acknowledged.size(), acknowledged.values().stream().filter(a -> a.attempts() > 1).count(),
                declared.size(), log.size(), expectedWorkTallies().size(), alerts.size(), viewerA.log().sessions(), newsroom.log().sessions());
    }

    /** One fault every few awards, while editors keep sending. */
    private void injectFaultBefore(int award) throws InterruptedException {
        switch (award) {
            case 5 -> {
                services.get("streams-1").kill9();
                faults.add("kill -9 streams-1 before award 5");
            }
            case 9 -> {
                services.get("ingest-1").kill9();
                faults.add("kill -9 ingest-1 before award 9");
            }
            case 13 -> {
                services.get("gateway-1").kill9();
                faults.add("kill -9 gateway-1 before award 13");
            }
            case 19 -> {
                restartBroker(killedBroker);
                start("ingest-1");
                start("gateway-1");
                services.get("ingest-1").awaitReady(START);
                services.get("gateway-1").awaitReady(START);
                faults.add("broker " + killedBroker + ", ingest-1 and gateway-1 back before award 19");
            }
            case 25 -> {
                restartBroker(killedBroker);
                faults.add("broker " + killedBroker + " back before award 25");
            }
            default -> { }
        }
    }

    private int killedBroker;

    /** Brokers die while a win is in flight: first the leader of the ceremony's updates, then a transaction coordinator. */
    private void injectFaultDuring(int award) throws Exception {
        switch (award) {
            case 15 -> {
                killedBroker = cluster.leader(Topics.CEREMONY_UPDATES, partitionOfCeremony());
                services.get("broker-" + killedBroker).kill9();
                faults.add("kill -9 broker " + killedBroker + " (leader of the ceremony's updates) during award 15");
            }
            case 21 -> {
                // The live producer that wrote the ceremony's last update (streams-2's, the one instance left).
                killedBroker = cluster.coordinatorOfLastWriter(Topics.CEREMONY_UPDATES, partitionOfCeremony());
                assertTrue(killedBroker > 0, "no transaction coordinator found for the ceremony's live producer");
                services.get("broker-" + killedBroker).kill9();
                faults.add("kill -9 broker " + killedBroker + " (the live app's transaction coordinator) during award 21");
            }
            default -> { }
        }
    }

    private void restartBroker(int id) throws InterruptedException {
        startBroker(id);
        cluster.awaitInSync(3, START);
    }

    private static int partitionOfCeremony() {
        // How Kafka's producer places a keyed record (ingest keys commands and Streams updates by ceremony id).
        return Utils.toPositive(Utils.murmur2(ID.getBytes(StandardCharsets.UTF_8))) % Topics.CEREMONY_PARTITIONS;
    }

    @Test
    @Order(2)
    void ingestAnswers503WhileTheClusterHasNoQuorumAndRecoversByItself() throws Exception {
        CeremonyDefinition probe = new CeremonyDefinition("quorum-probe-" + UUID.randomUUID().toString().substring(0, 8),
                "golden-globes", "Quorum probe", 1, GG74.definition().date(), "none",
                List.of(new Category("Best Probe", List.of(new Nominee("A", "A", List.of(), null),
                        new Nominee("B", "B", List.of(), null)))));
        assertTrue(editor.post("/ceremonies", probe, 1, WAIT).acknowledged());
        Map<String, Object> win = Map.of("eventId", probe.id() + ":win:1", "category", "Best Probe", "nominee", "A");
        String url = services.get("ingest-2").url("/ceremonies/" + probe.id() + "/wins");

        services.get("broker-2").kill9();
        services.get("broker-3").kill9();
        faults.add("brokers 2 and 3 killed: no quorum, no ISR of 2");
        long started = System.nanoTime();
        FailoverEditor.Answer refused = editor.once(url, Json.bytes(win), 1);
        long answeredMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, refused == null ? 0 : refused.status(), () -> "without a quorum: " + editor.log);
        assertTrue(refused.body().path("error").asText().length() > 0);

        startBroker(2);
        startBroker(3);
        cluster.awaitInSync(3, START);
        faults.add("brokers 2 and 3 back");
        // The editor retries the same event id until it goes through: counted once, whatever became of the first try.
        FailoverEditor.Answer accepted = editor.post("/ceremonies/" + probe.id() + "/wins", win, 1, WAIT);
        assertTrue(accepted.acknowledged(), () -> "after the quorum is back: " + accepted + "; " + editor.log);
        try (TopicProbe updates = TopicProbe.fromBeginning(new KafkaBroker(cluster.bootstrapServers(), "cluster"),
                Topics.CEREMONY_UPDATES)) {
            // The definition's update and the win's; then nothing more for this ceremony.
            updates.await(r -> r.key().equals(probe.id()), 2, WAIT);
            List<CeremonyUpdate> declared = updates.drain(r -> r.key().equals(probe.id()), Duration.ofMillis(500))
                    .stream().map(r -> Json.read(r.value(), CeremonyUpdate.class))
                    .filter(u -> !u.changesOf(WinnerDeclared.class).isEmpty()).toList();
            assertEquals(1, declared.size(), () -> "declared: " + declared);
        }
        System.out.printf("QUORUM 503 after %d ms; accepted after recovery with verdict %s%n", answeredMs, accepted.verdict());
    }

    private List<CeremonyUpdate> awaitCommittedUpdates(int wins) {
        try (TopicProbe probe = TopicProbe.fromBeginning(new KafkaBroker(cluster.bootstrapServers(), "cluster"), Topics.CEREMONY_UPDATES)) {
            List<CeremonyUpdate> log = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                probe.drain(r -> r.key().equals(ID), Duration.ofMillis(200))
                        .forEach(r -> log.add(Json.read(r.value(), CeremonyUpdate.class)));
                return log.stream().filter(u -> !u.changesOf(WinnerDeclared.class).isEmpty()).count() >= wins;
            });
            return log;
        }
    }

    private static Map<String, TallyUpdated> latestWorkTallies(List<CeremonyUpdate> log) {
        Map<String, TallyUpdated> works = new HashMap<>();
        log.stream().flatMap(u -> u.changesOf(TallyUpdated.class).stream())
                .filter(t -> t.subject() == TallyUpdated.Subject.WORK).forEach(t -> works.put(t.name(), t));
        return works;
    }

    /** Wins and nominations per work, straight from the ceremony data. */
    private static Map<String, List<Integer>> expectedWorkTallies() {
        Map<String, Integer> nominations = GG74.definition().categories().stream().flatMap(c -> c.nominees().stream())
                .filter(n -> n.work() != null)
                .collect(Collectors.groupingBy(Nominee::work, Collectors.summingInt(n -> 1)));
        Map<String, Integer> wins = GG74.results().stream()
                .map(w -> GG74.definition().category(w.category()).flatMap(c -> c.nominee(w.nominee())).orElseThrow().work())
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.summingInt(w -> 1)));
        Map<String, List<Integer>> expected = new HashMap<>();
        nominations.forEach((work, n) -> expected.put(work, List.of(wins.getOrDefault(work, 0), n)));
        return expected;
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("fault-" + name + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
