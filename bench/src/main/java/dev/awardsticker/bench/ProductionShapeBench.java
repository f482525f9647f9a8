package dev.awardsticker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ticker in its production shape on this machine: the broker (KRaft, {@link KafkaBrokerProcess}), the Streams app
 * ({@code dev.awardsticker.streams.Main}), ingest ({@code dev.awardsticker.ingest.Main}) and the gateway
 * ({@code dev.awardsticker.gateway.Main}) each in a JVM of its own, started with their real mains and environment
 * variables, each waited for on {@code /ready}. This JVM plays the editor (ingest's HTTP API through the
 * {@link Replayer}), one WebSocket viewer, a webhook receiver and two group-less Kafka probes.
 *
 * <p>Warm-up (untimed): BENCH_WARMUP_ROUNDS (1) replays of GG74 under other ids and another award family (its own
 * copy of the reference records, so the measured run meets the real records untouched), at BENCH_WARMUP_PACE_MS
 * (100). Then the measured run: GG74 under a fresh id, a win every BENCH_PACE_MS (600), with the viewer subscribed
 * and an every-change webhook subscription (no ceremony filter, {@code alertsOnly: false}) registered before the
 * warm-up, so the warm-up also warms the delivery path (the measured run starts once its POSTs have stopped). BENCH_WINS (0: all 26) cuts the replay short (smoke runs).
 *
 * <p>Per editor event, all on this machine's one wall clock (every JVM reads the same clock):
 * <ul>
 *   <li>submit: when the editor's request left (the Replayer's answer time minus the request's duration);</li>
 *   <li>ingested: {@code ingestedAt} (ingest accepted the request), carried by the update;</li>
 *   <li>command stamped: the {@code ceremony-commands} record's timestamp (its type is printed; CreateTime is set by
 *   ingest's producer when it sends);</li>
 *   <li>command readable: a read_committed probe on {@code ceremony-commands} got the record;</li>
 *   <li>update readable: a read_committed probe on {@code ceremony-updates} got the update;</li>
 *   <li>frame: the viewer's WebSocket got the update frame;</li>
 *   <li>answered: ingest's answer (with the Streams verdict) reached the editor;</li>
 *   <li>webhook: the every-change webhook's POST of the same update (by ceremony and seq) reached the receiver.</li>
 * </ul>
 * "Streams alone" is printed two ways: from the command's record timestamp (includes ingest's produce to the broker
 * and the broker's append) and from "command readable" (both ends seen by identical probes: the probe's own fetch
 * wake-up cancels out, what remains is the Streams app's poll, processing and transaction commit). Each probe is a
 * consumer of its own with fetch.max.wait.ms 5, so a probe's stamp is at most a fetch wake-up late.
 *
 * <p>It also counts the viewer's frames per event: a definition must be one frame per screen, a win one frame.
 *
 * <p>Run (after {@code mvn -q -B -DskipTests install}, so bench/target/lib holds the current module jars):
 * {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.ProductionShapeBench}.
 * The children's logs go to BENCH_LOG_DIR (default a temporary folder, printed). Their JVM flags:
 * BENCH_JVM_OPTS_BROKER, _STREAMS, _INGEST, _GATEWAY (space-separated) replace the defaults below.
 */
public final class ProductionShapeBench {
    /** Kafka's own start script: 1 GB heap, G1 with a 20 ms pause goal. */
    static final List<String> BROKER_JVM_OPTS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+AlwaysPreTouch");
    /**
     * The services: a fixed heap (no resizing during the run), SerialGC (on 2 cores a young collection of a small heap
     * takes a few ms, and no concurrent GC threads compete with the event loops and the stream thread), pre-touched.
     */
    static final List<String> SERVICE_JVM_OPTS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:+AlwaysPreTouch");

    static final List<String> ROWS = List.of(
            "ingestedAt -> frame (viewer)",
            "submit -> frame",
            "submit -> ingest answer",
            "submit -> ingestedAt",
            "command record timestamp -> update readable (read_committed)",
            "command readable -> update readable (Streams alone)",
            "ingestedAt -> update readable",
            "update readable -> frame (gateway)",
            "webhook - WebSocket (per update)");

    private static final String TOKEN = UUID.randomUUID().toString();
    private static final String ADMIN_TOKEN = "bench-admin-" + UUID.randomUUID();

    private ProductionShapeBench() {}

    /**
     * @param paceMs       time between two wins of the measured replay
     * @param wins         wins of GG74 to replay (0 or more than it has: all)
     * @param warmUpRounds untimed GG74 replays first
     * @param warmUpPaceMs their pace
     */
    record Options(long paceMs, int wins, int warmUpRounds, long warmUpPaceMs, List<String> brokerJvmOpts,
                   List<String> streamsJvmOpts, List<String> ingestJvmOpts, List<String> gatewayJvmOpts,
                   Path logDir) {
        static Options fromEnv(Map<String, String> env) throws java.io.IOException {
            String logDir = env.get("BENCH_LOG_DIR");
            return new Options(Long.parseLong(env.getOrDefault("BENCH_PACE_MS", "600")),
                    Integer.parseInt(env.getOrDefault("BENCH_WINS", "0")),
                    Integer.parseInt(env.getOrDefault("BENCH_WARMUP_ROUNDS", "1")),
                    Long.parseLong(env.getOrDefault("BENCH_WARMUP_PACE_MS", "100")),
                    opts(env, "BENCH_JVM_OPTS_BROKER", BROKER_JVM_OPTS),
                    opts(env, "BENCH_JVM_OPTS_STREAMS", SERVICE_JVM_OPTS),
                    opts(env, "BENCH_JVM_OPTS_INGEST", SERVICE_JVM_OPTS),
                    opts(env, "BENCH_JVM_OPTS_GATEWAY", SERVICE_JVM_OPTS),
                    logDir == null ? Files.createTempDirectory("production-shape") : Files.createDirectories(Path.of(logDir)));
        }

        /** JVM flags from {@code name} (space-separated; blank: none), else {@code defaults}. Also FailoverBench's. */
        static List<String> opts(Map<String, String> env, String name, List<String> defaults) {
            String value = env.get(name);
            return value == null ? defaults : value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        }

        /** The command line that reproduces this run. */
        String command() {
            return String.format("BENCH_PACE_MS=%d BENCH_WINS=%d BENCH_WARMUP_ROUNDS=%d BENCH_WARMUP_PACE_MS=%d "
                            + "BENCH_JVM_OPTS_BROKER='%s' BENCH_JVM_OPTS_STREAMS='%s' BENCH_JVM_OPTS_INGEST='%s' "
                            + "BENCH_JVM_OPTS_GATEWAY='%s' java -cp \"bench/target/bench.jar:bench/target/lib/*\" %s",
                    paceMs, wins, warmUpRounds, warmUpPaceMs, String.join(" ", brokerJvmOpts),
                    String.join(" ", streamsJvmOpts), String.join(" ", ingestJvmOpts), String.join(" ", gatewayJvmOpts),
                    ProductionShapeBench.class.getName());
        }
    }

    /**
     * @param events            editor events of the measured replay posted with a 2xx
     * @param traced            those with every stamp
     * @param definitionFrames  update frames carrying the definition at the viewer (must be 1)
     * @param framesPerEvent    update frames per editor event id at the viewer (each must be 1)
     * @param webhooks          updates of the measured ceremony that reached the webhook receiver
     * @param updates           updates of the measured ceremony that reached the viewer
     */
    record Result(Map<String, Histogram> rows, int events, int traced, int definitionFrames,
                  Map<String, Integer> framesPerEvent, int updates, int webhooks, long webhookMaxLagMs, String table) {}

    public static void main(String[] args) throws Exception {
        run(Options.fromEnv(System.getenv()), System.out);
        System.exit(0);
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        List<RecordReference> records = ReferenceRecordsLoader.before(gg74.definition());
        String run = UUID.randomUUID().toString().substring(0, 8);
        CeremonyImport measured = firstWins(gg74, options.wins()).withCeremonyId(gg74.definition().id() + "-" + run);
        String id = measured.definition().id();
        out.println("production shape: children's logs in " + options.logDir());
        List<ServiceJvm> children = new ArrayList<>();
        Thread killer = new Thread(() -> children.forEach(ServiceJvm::close), "production-shape-stop");
        Runtime.getRuntime().addShutdownHook(killer); // an interrupted bench leaves no JVMs behind
        Vertx vertx = Vertx.vertx();
        List<Probe> probes = new ArrayList<>();
        try {
            Services services = startServices(options, run, TOKEN, Map.of("GATEWAY_ADMIN_TOKENS", ADMIN_TOKEN,
                    "GATEWAY_WEBHOOK_GROUP", "bench-production-webhooks-" + run), children, out);
            String bootstrap = services.bootstrap();
            int ingestPort = services.ingestPort();
            int gatewayPort = services.gatewayPort();

            // 3. The webhook receiver and its subscription, before the warm-up so its ownership has settled.
            Map<Long, Long> hooked = new ConcurrentHashMap<>();
            AtomicInteger hookPosts = new AtomicInteger();
            java.util.concurrent.atomic.AtomicLong lastHook = new java.util.concurrent.atomic.AtomicLong();
            HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                long now = System.currentTimeMillis();
                hookPosts.incrementAndGet();
                lastHook.set(now);
                JsonNode update = Json.read(body.getBytes(), JsonNode.class).path("update");
                if (id.equals(update.path("ceremony").asText())) {
                    hooked.putIfAbsent(update.path("seq").asLong(), now);
                }
                request.response().setStatusCode(204).end();
            })).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
            String subscription = registerWebhook(gatewayPort, "http://127.0.0.1:" + receiver.actualPort() + "/hook");
            out.println("webhook: every-change subscription " + subscription + " (all ceremonies)");

            Replayer replayer = new Replayer(vertx, "http://127.0.0.1:" + ingestPort, TOKEN, line -> { });
            // 4. Warm-up, untimed: the same show under other ids, of another award family with its own records.
            for (int round = 1; round <= options.warmUpRounds(); round++) {
                String award = "warm-up-" + run + "-" + round;
                CeremonyImport warm = gg74.withCeremonyId("warm-up-" + run + "-" + round).withAward(award);
                long started = System.nanoTime();
                ReplaySummary summary = replayer.replay(warm, records.stream().map(r -> r.withAward(award)).toList(),
                        Duration.ofMillis(options.warmUpPaceMs())).await(10, TimeUnit.MINUTES);
                out.printf("warm-up %d: %d of %d events posted in %.1f s%n", round,
                        summary.posted().stream().filter(ReplaySummary.Posted::ok).count(), summary.posted().size(),
                        (System.nanoTime() - started) / 1e9);
            }
            if (options.warmUpRounds() > 0) {
                // The webhook delivered the warm-up too (its path is warm): let it finish before measuring.
                long quietUntil = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() - lastHook.get() < 1000 && System.currentTimeMillis() < quietUntil) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                out.printf("warm-up: %d webhook POSTs%n", hookPosts.get());
            }

            // 5. The measured run: probes and the viewer first, then the show at the production pace.
            Probe commands = new Probe(bootstrap, Topics.CEREMONY_COMMANDS, id);
            Probe updates = new Probe(bootstrap, Topics.CEREMONY_UPDATES, id);
            probes.add(commands);
            probes.add(updates);
            probes.forEach(Probe::begin);
            Viewer viewer = Viewer.connect(vertx, gatewayPort, id);
            ReplaySummary summary = replayer.replay(measured, List.of(), Duration.ofMillis(options.paceMs()))
                    .await(30, TimeUnit.MINUTES);
            List<ReplaySummary.Posted> posted = summary.posted().stream().filter(ReplaySummary.Posted::ok).toList();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && !(viewer.framed.keySet().containsAll(
                    posted.stream().map(ReplaySummary.Posted::eventId).toList())
                    && hooked.keySet().containsAll(viewer.seqArrival.keySet()))) {
                TimeUnit.MILLISECONDS.sleep(20); // the last frames and webhooks
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(2000, 3 * options.paceMs())); // would a second frame come?
            replayer.close();
            viewer.close();

            // 6. The figures.
            Map<String, Histogram> rows = new LinkedHashMap<>();
            ROWS.forEach(row -> rows.put(row, new Histogram(3_600_000, 3)));
            int traced = 0;
            for (ReplaySummary.Posted p : posted) {
                String eventId = p.eventId();
                Long answered = summary.answeredAtMillis().get(eventId);
                Long submit = answered == null ? null : answered - p.latencyMs();
                Long ingested = viewer.ingestedAt.get(eventId);
                Long frame = viewer.framed.get(eventId);
                Long stamped = commands.timestamp.get(eventId);
                Long logged = commands.arrival.get(eventId);
                Long readable = updates.arrival.get(eventId);
                if (Arrays.asList(submit, ingested, frame, stamped, logged, readable).contains(null)) {
                    continue;
                }
                traced++;
                record(rows, 0, frame - ingested);
                record(rows, 1, frame - submit);
                record(rows, 2, p.latencyMs());
                record(rows, 3, ingested - submit);
                record(rows, 4, readable - stamped);
                record(rows, 5, readable - logged);
                record(rows, 6, readable - ingested);
                record(rows, 7, frame - readable);
            }
            StringBuilder lags = new StringBuilder();
            long maxLag = Long.MIN_VALUE;
            for (var entry : new java.util.TreeMap<>(viewer.seqArrival).entrySet()) {
                Long hook = hooked.get(entry.getKey());
                String what = viewer.seqEvent.getOrDefault(entry.getKey(), "?");
                if (hook == null) {
                    lags.append(String.format("  seq %3d %-40s webhook MISSING%n", entry.getKey(), what));
                    continue;
                }
                long lag = hook - entry.getValue();
                maxLag = Math.max(maxLag, lag);
                record(rows, 8, lag);
                lags.append(String.format("  seq %3d %-40s webhook - WebSocket %5d ms%n", entry.getKey(), what, lag));
            }

            StringBuilder table = new StringBuilder();
            table.append(String.format("%nProduction shape: broker, Streams, ingest, gateway in 4 JVMs; GG74 as %s, "
                            + "a win every %d ms after %d warm-up replay(s); %d of %d events traced; %d cores, load "
                            + "average %s; command timestamps %s%n", id, options.paceMs(), options.warmUpRounds(),
                    traced, posted.size(), Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).trim(), commands.timestampTypes));
            table.append("| measure | n | p50 ms | p90 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- | --- |\n");
            rows.forEach((row, h) -> table.append(h.getTotalCount() == 0
                    ? String.format("| %s | 0 | - | - | - | - |%n", row)
                    : String.format("| %s | %d | %d | %d | %d | %d |%n", row, h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue())));
            Map<String, Integer> framesPerEvent = new LinkedHashMap<>();
            posted.forEach(p -> framesPerEvent.put(p.eventId(),
                    viewer.framesPerEvent.getOrDefault(p.eventId(), new AtomicInteger()).get()));
            int minFrames = framesPerEvent.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int maxFrames = framesPerEvent.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            long eventsWithoutFrame = framesPerEvent.values().stream().filter(count -> count == 0).count();
            table.append(String.format("frames at the viewer: definition %d (must be 1); per editor event min %d max %d "
                            + "over %d events, %d events without a frame (each must be 1); %d update frames in all, "
                            + "%d changes in them%n", viewer.definitionFrames.get(), minFrames, maxFrames,
                    framesPerEvent.size(), eventsWithoutFrame,
                    viewer.updateFrames.get(), viewer.changes.get()));
            table.append(String.format("webhook: %d of %d updates delivered (%d POSTs in all), webhook - WebSocket max "
                    + "%s ms (target: within 1000 ms)%n", viewer.seqArrival.keySet().stream()
                    .filter(hooked::containsKey).count(), viewer.seqArrival.size(), hookPosts.get(),
                    maxLag == Long.MIN_VALUE ? "-" : Long.toString(maxLag)));
            table.append("per update (seq, event id):\n").append(lags);
            table.append("targets: ingestedAt -> frame p50 <= 15, p99 <= 40; submit -> frame p50 <= 20; Streams alone "
                    + "p50 <= 8, p99 <= 25 (ms)\n");
            table.append("command: ").append(options.command()).append('\n');
            out.print(table);
            return new Result(rows, posted.size(), traced, viewer.definitionFrames.get(), framesPerEvent,
                    viewer.seqArrival.size(), (int) viewer.seqArrival.keySet().stream().filter(hooked::containsKey)
                    .count(), maxLag == Long.MIN_VALUE ? -1 : maxLag, table.toString());
        } finally {
            probes.forEach(Probe::halt);
            for (int i = children.size() - 1; i >= 0; i--) { // gateway and ingest, Streams, then the broker
                children.get(i).close();
            }
            children.clear();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void record(Map<String, Histogram> rows, int row, long ms) {
        rows.get(ROWS.get(row)).recordValue(Math.max(0, Math.min(ms, 3_599_999)));
    }

    /** The show's first {@code wins} announcements (and the corrections made after them); all when 0. */
    static CeremonyImport firstWins(CeremonyImport show, int wins) {
        if (wins <= 0 || wins >= show.results().size()) {
            return show;
        }
        List<AnnouncedWin> first = show.results().subList(0, wins);
        int lastOrder = first.get(first.size() - 1).order();
        return new CeremonyImport(show.definition(), first,
                show.corrections().stream().filter(c -> c.afterOrder() <= lastOrder).toList());
    }

    /** POST /api/webhooks: every change of every ceremony to {@code url}; retried while the gateway answers 503. */
    /** Where the production shape's services listen. */
    record Services(String bootstrap, int ingestPort, int gatewayPort) {}

    /**
     * The broker, then the Streams app (it creates the topics), ingest (one editor, "bench", with {@code token}) and
     * the gateway ({@code gatewayEnv} on top of its defaults), each in a JVM of its own from its real main with the
     * flags of {@code options}, each added to {@code children} as it starts (close them last first); returns once all
     * four answer ready. Also HistoryImportBench's production shape.
     */
    static Services startServices(Options options, String run, String token, Map<String, String> gatewayEnv,
                                  List<ServiceJvm> children, PrintStream out) throws Exception {
        ServiceJvm broker = ServiceJvm.start("broker", options.brokerJvmOpts(), KafkaBrokerProcess.class.getName(),
                Map.of(), options.logDir());
        children.add(broker);
        String bootstrap = broker.awaitLine("bootstrap", Duration.ofSeconds(90));
        out.println("broker: " + bootstrap + " (pid " + broker.pid() + ")");
        int streamsPort = ServiceJvm.freePort();
        ServiceJvm streams = ServiceJvm.start("streams", options.streamsJvmOpts(), "dev.awardsticker.streams.Main",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "STREAMS_APPLICATION_ID", "bench-production-" + run,
                        "STREAMS_STATE_DIR", options.logDir().resolve("streams-state").toString(),
                        "STREAMS_HTTP_PORT", Integer.toString(streamsPort)), options.logDir());
        children.add(streams);
        streams.awaitReady(streamsPort, Duration.ofSeconds(120));
        int ingestPort = ServiceJvm.freePort();
        ServiceJvm ingest = ServiceJvm.start("ingest", options.ingestJvmOpts(), "dev.awardsticker.ingest.Main",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "INGEST_HOST", "127.0.0.1",
                        "INGEST_PORT", Integer.toString(ingestPort), "INGEST_TOKENS", "bench=" + token),
                options.logDir());
        children.add(ingest);
        int gatewayPort = ServiceJvm.freePort();
        Map<String, String> env = new java.util.HashMap<>(gatewayEnv);
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", Integer.toString(gatewayPort)));
        ServiceJvm gateway = ServiceJvm.start("gateway", options.gatewayJvmOpts(), "dev.awardsticker.gateway.Main",
                env, options.logDir());
        children.add(gateway);
        ingest.awaitReady(ingestPort, Duration.ofSeconds(120));
        gateway.awaitReady(gatewayPort, Duration.ofSeconds(120));
        out.printf("streams (pid %d, :%d), ingest (pid %d, :%d), gateway (pid %d, :%d) ready%n", streams.pid(),
                streamsPort, ingest.pid(), ingestPort, gateway.pid(), gatewayPort);
        return new Services(bootstrap, ingestPort, gatewayPort);
    }

    private static String registerWebhook(int gatewayPort, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"url\":\"" + url + "\",\"filter\":{\"alertsOnly\":false}}";
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gatewayPort + "/api/webhooks"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                return Json.read(answer.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).path("id").asText();
            }
            if (answer.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("webhook registration answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** One WebSocket screen subscribed to the measured ceremony: what arrived when, and how many frames per event. */
    private static final class Viewer {
        final Map<String, Long> framed = new ConcurrentHashMap<>();
        final Map<String, Long> ingestedAt = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> framesPerEvent = new ConcurrentHashMap<>();
        final Map<Long, Long> seqArrival = new ConcurrentHashMap<>();
        final Map<Long, String> seqEvent = new ConcurrentHashMap<>();
        final AtomicInteger definitionFrames = new AtomicInteger();
        final AtomicInteger updateFrames = new AtomicInteger();
        final AtomicInteger changes = new AtomicInteger();
        volatile String definitionEventId;
        private java.net.http.WebSocket socket;

        /**
         * The JDK's WebSocket client: a client stack of its own, not the gateway's Vert.x and Netty. (A Vert.x 5
         * WebSocketClient must stay referenced while its sockets are used: once garbage collected it is closed,
         * connections included, which shows as "Connection closed while handshake in process" or a dropped socket.)
         */
        static Viewer connect(Vertx vertx, int port, String ceremony) throws Exception {
            Viewer viewer = new Viewer();
            java.util.concurrent.CompletableFuture<Void> greeted = new java.util.concurrent.CompletableFuture<>();
            viewer.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/ws"), new java.net.http.WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                                                                              CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                long now = System.currentTimeMillis();
                                JsonNode frame = Json.read(partial.toString().getBytes(StandardCharsets.UTF_8),
                                        JsonNode.class);
                                partial.setLength(0);
                                if ("update".equals(frame.path("type").asText())) {
                                    viewer.onUpdate(frame.path("update"), now);
                                } else {
                                    greeted.complete(null); // the snapshot
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            viewer.socket.sendText("{\"op\":\"subscribe\",\"ceremony\":\"" + ceremony + "\"}", true)
                    .get(30, TimeUnit.SECONDS);
            greeted.get(30, TimeUnit.SECONDS);
            return viewer;
        }

        private void onUpdate(JsonNode update, long now) {
            updateFrames.incrementAndGet();
            String eventId = update.path("eventId").asText();
            long seq = update.path("seq").asLong();
            seqArrival.putIfAbsent(seq, now);
            framesPerEvent.computeIfAbsent(eventId, e -> new AtomicInteger()).incrementAndGet();
            framed.putIfAbsent(eventId, now);
            ingestedAt.putIfAbsent(eventId, update.path("ingestedAt").asLong());
            String first = "";
            for (JsonNode change : update.path("changes")) {
                changes.incrementAndGet();
                if (first.isEmpty()) {
                    first = change.path("type").asText();
                }
                if ("CeremonyDefined".equals(change.path("type").asText())) {
                    definitionFrames.incrementAndGet();
                    definitionEventId = eventId;
                }
            }
            seqEvent.putIfAbsent(seq, shorten(eventId) + " " + first + " +" + (update.path("changes").size() - 1));
        }

        private static String shorten(String eventId) {
            return eventId.length() <= 24 ? eventId : "..." + eventId.substring(eventId.length() - 21);
        }

        void close() {
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /**
     * A group-less read_committed consumer of one topic from its end: when each record of the ceremony (by event id)
     * became readable, and the record's own timestamp.
     */
    private static final class Probe extends Thread {
        final Map<String, Long> arrival = new ConcurrentHashMap<>();
        final Map<String, Long> timestamp = new ConcurrentHashMap<>();
        final java.util.Set<String> timestampTypes = ConcurrentHashMap.newKeySet();
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;
        private final String ceremony;
        private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean running = true;

        Probe(String bootstrap, String topic, String ceremony) {
            super("probe-" + topic);
            setDaemon(true);
            this.consumer = TopicReader.open(bootstrap, "read_committed",
                    Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
            this.topic = topic;
            this.ceremony = ceremony;
        }

        /** Starts reading and returns once the probe sits at the topic's end. */
        void begin() {
            start();
            try {
                assigned.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                TopicReader.fromEnd(consumer, topic);
                assigned.countDown();
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        if (!ceremony.equals(record.key())) {
                            continue;
                        }
                        String eventId = Json.read(record.value(), JsonNode.class).path("eventId").asText();
                        arrival.putIfAbsent(eventId, now);
                        timestamp.putIfAbsent(eventId, record.timestamp());
                        timestampTypes.add(record.timestampType().toString());
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException stopping) {
                // halt()
            } finally {
                consumer.close();
            }
        }

        void halt() {
            running = false;
            consumer.wakeup();
        }
    }

    /** True when every editor event of the run made exactly one frame at the viewer. */
    static boolean oneFrameEach(Result result) {
        return result.framesPerEvent().size() == result.events()
                && result.framesPerEvent().values().stream().allMatch(count -> count == 1);
    }
}
