package dev.awardsticker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.kafka.ProcessCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Failover in the production shape (issue #17): three KRaft brokers ({@code dev.awardsticker.kafka.Main}, one node
 * per JVM, RF 3, min ISR 2), two Streams apps, two ingests and two gateways, each a JVM of its own started from its
 * real main. This JVM is the editor and the screens: three synthetic ceremonies, one per partition of
 * {@code ceremony-commands} (so every Streams instance and every broker leads or runs at least one of them), each
 * getting a win every BENCH_PACE_MS (500) from an editor that fails over to the other ingest on no answer or 503,
 * and each watched by a WebSocket screen (the JDK's client) that reconnects to the other gateway and resumes by
 * seq. Then, one at a time, each target process is killed with -9, the run goes on for BENCH_AFTER_MS, the process
 * is started again (same ports, same data) and the shape settles for BENCH_SETTLE_MS.
 *
 * <p>A row per kill: the longest time any screen received no update (wins keep coming), the longest submit ->
 * answer (from the first attempt to the final answer, retries on the other ingest included; PENDING answers, a win
 * stored but not judged within ingest's verdict timeout, are counted apart), and, from the whole of
 * {@code ceremony-updates} read back at the end, whether every acknowledged win of the window is declared exactly
 * once and the screens applied every seq once. A baseline row (no kill) comes first. Then the launcher's shape (one
 * broker, one of each service): the Streams app killed with -9 and started again at once, with its state kept and
 * with an empty state folder: a restart, not a takeover.
 *
 * <p>Run (after {@code mvn -q -B -DskipTests install}, so bench/target/lib holds the current module jars):
 * {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FailoverBench}.
 * BENCH_TARGETS (comma list of broker-1..3, streams-1/2, ingest-1/2, gateway-1/2; default all),
 * BENCH_RESTART_CASES (true), BENCH_WARMUP_MS, BENCH_AFTER_MS, BENCH_SETTLE_MS, the Streams app's
 * BENCH_STREAMS_SESSION_TIMEOUT_MS and BENCH_STREAMS_TRANSACTION_TIMEOUT_MS (default: docker-compose.yml's),
 * BENCH_JVM_OPTS_BROKER and BENCH_JVM_OPTS_SERVICES (space-separated) and BENCH_LOG_DIR change the run; the command
 * printed under the table repeats them.
 */
public final class FailoverBench {
    static final List<String> ALL_TARGETS = List.of("streams-1", "streams-2", "ingest-1", "ingest-2", "gateway-1",
            "gateway-2", "broker-1", "broker-2", "broker-3");
    /** docker-compose.yml's values for the Streams app. */
    static final int SESSION_TIMEOUT_MS = 2000;
    static final int TRANSACTION_TIMEOUT_MS = 4000;
    private static final int CATEGORIES = 40;
    private static final int NOMINEES = 16;
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private FailoverBench() {}

    record Options(long paceMs, long warmUpMs, long afterMs, long settleMs, List<String> targets,
                   boolean restartCases, int sessionTimeoutMs, int transactionTimeoutMs, List<String> brokerJvmOpts,
                   List<String> serviceJvmOpts, Path logDir) {
        static Options fromEnv(Map<String, String> env) throws IOException {
            String logDir = env.get("BENCH_LOG_DIR");
            String targets = env.getOrDefault("BENCH_TARGETS", String.join(",", ALL_TARGETS));
            return new Options(Long.parseLong(env.getOrDefault("BENCH_PACE_MS", "500")),
                    Long.parseLong(env.getOrDefault("BENCH_WARMUP_MS", "15000")),
                    Long.parseLong(env.getOrDefault("BENCH_AFTER_MS", "8000")),
                    Long.parseLong(env.getOrDefault("BENCH_SETTLE_MS", "5000")),
                    List.of(targets.split(",")),
                    Boolean.parseBoolean(env.getOrDefault("BENCH_RESTART_CASES", "true")),
                    Integer.parseInt(env.getOrDefault("BENCH_STREAMS_SESSION_TIMEOUT_MS",
                            Integer.toString(SESSION_TIMEOUT_MS))),
                    Integer.parseInt(env.getOrDefault("BENCH_STREAMS_TRANSACTION_TIMEOUT_MS",
                            Integer.toString(TRANSACTION_TIMEOUT_MS))),
                    ProductionShapeBench.Options.opts(env, "BENCH_JVM_OPTS_BROKER", ProductionShapeBench.BROKER_JVM_OPTS),
                    ProductionShapeBench.Options.opts(env, "BENCH_JVM_OPTS_SERVICES",
                            ProductionShapeBench.SERVICE_JVM_OPTS),
                    logDir == null ? Files.createTempDirectory("failover") : Files.createDirectories(Path.of(logDir)));
        }

        String command() {
            return String.format("BENCH_PACE_MS=%d BENCH_WARMUP_MS=%d BENCH_AFTER_MS=%d BENCH_SETTLE_MS=%d "
                            + "BENCH_TARGETS=%s BENCH_RESTART_CASES=%s BENCH_STREAMS_SESSION_TIMEOUT_MS=%d "
                            + "BENCH_STREAMS_TRANSACTION_TIMEOUT_MS=%d BENCH_JVM_OPTS_BROKER='%s' "
                            + "BENCH_JVM_OPTS_SERVICES='%s' java -cp \"bench/target/bench.jar:bench/target/lib/*\" %s",
                    paceMs, warmUpMs, afterMs, settleMs, String.join(",", targets), restartCases, sessionTimeoutMs,
                    transactionTimeoutMs, String.join(" ", brokerJvmOpts), String.join(" ", serviceJvmOpts),
                    FailoverBench.class.getName());
        }
    }

    /**
     * One kill (or the baseline): what the screens and the editor saw from a second before it to BENCH_AFTER_MS after.
     *
     * @param silenceMs    the longest gap between two updates at any screen (or from the last one to the window's
     *                     end when none came after the kill)
     * @param answerMs     the longest submit -> final answer of a submit started in the window
     * @param pending      answers 202 PENDING (stored, not judged within ingest's verdict timeout)
     * @param acknowledged submits of the window answered 2xx
     * @param lost         acknowledged wins of the window with no update declaring them
     * @param doubled      wins of the window declared by more than one update
     * @param unanswered   submits of the window without a final answer within 60 s (each retried all along)
     */
    record Row(String killed, String shape, String detail, long silenceMs, String silenceWhere, long answerMs,
               int pending, int acknowledged, int lost, int doubled, int unanswered) {}

    /**
     * @param screenProblems gaps, duplicates or resets at any screen over the whole run (must be none)
     * @param logProblems    seq gaps or repeats on {@code ceremony-updates} of the bench's ceremonies (must be none)
     */
    record Result(List<Row> rows, List<String> screenProblems, List<String> logProblems, String table) {
        boolean exact() {
            return screenProblems.isEmpty() && logProblems.isEmpty()
                    && rows.stream().allMatch(r -> r.lost() == 0 && r.doubled() == 0 && r.unanswered() == 0);
        }
    }

    public static void main(String[] args) throws Exception {
        Result result = run(Options.fromEnv(System.getenv()), System.out);
        System.exit(result.exact() ? 0 : 1);
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        out.println("failover: children's logs in " + options.logDir());
        String started = Files.readString(Path.of("/proc/loadavg")).trim();
        List<Row> rows = new ArrayList<>();
        List<String> screenProblems = new ArrayList<>();
        List<String> logProblems = new ArrayList<>();
        if (!options.targets().isEmpty()) { // none: only the launcher's shape (the smoke test's quick run)
            try (Shape shape = Shape.twoOfEach(options, out)) {
                rows.addAll(shape.measureKills(options, out));
                screenProblems.addAll(shape.screenProblems());
                logProblems.addAll(shape.logProblems());
            }
        }
        if (options.restartCases()) {
            try (Shape shape = Shape.oneOfEach(options, out)) {
                rows.addAll(shape.measureRestarts(options, out));
                screenProblems.addAll(shape.screenProblems());
                logProblems.addAll(shape.logProblems());
            }
        }
        StringBuilder table = new StringBuilder(String.format("%nFailover: a win every %d ms to each of 3 ceremonies "
                        + "(one per partition), one screen each; Streams session timeout %d ms, transaction timeout "
                        + "%d ms; %d cores, load average at start %s, at end %s%n", options.paceMs(),
                options.sessionTimeoutMs(), options.transactionTimeoutMs(), Runtime.getRuntime().availableProcessors(),
                started, Files.readString(Path.of("/proc/loadavg")).trim()));
        table.append("| killed -9 | shape | longest screen silence ms | longest submit -> answer ms | PENDING answers "
                + "| acknowledged | lost | doubled | unanswered | what it was |\n| --- | --- | --- | --- | --- | --- | --- "
                + "| --- | --- | --- |\n");
        for (Row row : rows) {
            table.append(String.format("| %s | %s | %d (%s) | %d | %d | %d | %d | %d | %d | %s |%n", row.killed(),
                    row.shape(), row.silenceMs(), row.silenceWhere(), row.answerMs(), row.pending(), row.acknowledged(),
                    row.lost(), row.doubled(), row.unanswered(), row.detail()));
        }
        table.append("screens: ").append(screenProblems.isEmpty() ? "every update once, in order, no gap, no reset"
                : "PROBLEMS " + screenProblems).append('\n');
        table.append("ceremony-updates: ").append(logProblems.isEmpty() ? "seq 1..n once each per ceremony"
                : "PROBLEMS " + logProblems).append('\n');
        table.append("targets (two of each, three brokers): silence <= 2000 ms, submit -> answer <= 2000 ms, nothing "
                + "lost or doubled\n");
        table.append("command: ").append(options.command()).append('\n');
        out.print(table);
        return new Result(rows, screenProblems, logProblems, table.toString());
    }

    /** The processes of one shape, the editor and the screens. */
    private static final class Shape implements AutoCloseable {
        private final Options options;
        private final PrintStream out;
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, Spec> specs = new LinkedHashMap<>();
        private final Map<String, ServiceJvm> running = new ConcurrentHashMap<>();
        private final Thread stopOnExit = new Thread(this::stopAll, "failover-stop");
        private final ExecutorService submits = Executors.newCachedThreadPool(daemon("failover-submit"));
        private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("failover-timer"));
        /** The editor's pace alone on its thread, so screens reconnecting never delay a win. */
        private final ScheduledExecutorService editor = Executors.newSingleThreadScheduledExecutor(daemon("failover-editor"));
        private final List<Submit> submitted = new CopyOnWriteArrayList<>();
        private final List<Screen> screens = new ArrayList<>();
        private final List<String> ceremonies = new ArrayList<>();
        private String bootstrap;
        private ProcessCluster cluster;
        private volatile boolean editing;

        /** How to start (and start again) one child. */
        private record Spec(String name, List<String> jvmOpts, String main, Map<String, String> env, int port) {}

        private Shape(Options options, PrintStream out) {
            this.options = options;
            this.out = out;
            Runtime.getRuntime().addShutdownHook(stopOnExit); // an interrupted bench leaves no JVMs behind
        }

        static Shape twoOfEach(Options options, PrintStream out) throws Exception {
            Shape shape = new Shape(options, out);
            try {
                shape.cluster = ProcessCluster.onFreePorts(3);
                shape.bootstrap = shape.cluster.bootstrapServers();
                for (int id = 1; id <= 3; id++) {
                    shape.spec("broker-" + id, options.brokerJvmOpts(), "dev.awardsticker.kafka.Main",
                            shape.cluster.env(id, options.logDir().resolve(shape.run + "-broker-" + id)), 0);
                }
                shape.startBrokers();
                TopicSetup.ensureTopics(shape.bootstrap, (short) 3, 2);
                shape.startServices(2, (short) 3);
                shape.defineCeremonies(3);
                return shape;
            } catch (Exception | Error e) {
                shape.close();
                throw e;
            }
        }

        static Shape oneOfEach(Options options, PrintStream out) throws Exception {
            Shape shape = new Shape(options, out);
            try {
                int port = ServiceJvm.freePort();
                shape.bootstrap = "127.0.0.1:" + port;
                shape.spec("broker", options.brokerJvmOpts(), "dev.awardsticker.kafka.Main", Map.of(
                        "EMBEDDED_KAFKA_PORT", Integer.toString(port),
                        "EMBEDDED_KAFKA_DATA", options.logDir().resolve(shape.run + "-broker").toString()), 0);
                shape.startBrokers();
                TopicSetup.ensureTopics(shape.bootstrap, (short) 1, 1);
                shape.startServices(1, (short) 1);
                shape.defineCeremonies(1);
                return shape;
            } catch (Exception | Error e) {
                shape.close();
                throw e;
            }
        }

        private void spec(String name, List<String> jvmOpts, String main, Map<String, String> env, int port) {
            specs.put(name, new Spec(name, jvmOpts, main, env, port));
        }

        private void startBrokers() throws Exception {
            List<java.util.concurrent.CompletableFuture<String>> ready = new ArrayList<>();
            for (String name : specs.keySet().stream().filter(n -> n.startsWith("broker")).toList()) {
                launch(name);
                ready.add(running.get(name).line("Kafka"));
            }
            for (var line : ready) {
                line.get(120, TimeUnit.SECONDS);
            }
            out.println("brokers ready at " + bootstrap);
        }

        private void startServices(int each, short replication) throws Exception {
            for (int i = 1; i <= each; i++) {
                String suffix = each == 1 ? "" : "-" + i;
                int streamsPort = ServiceJvm.freePort();
                spec("streams" + suffix, options.serviceJvmOpts(), "dev.awardsticker.streams.Main", Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "STREAMS_APPLICATION_ID", "bench-failover-" + run,
                        "STREAMS_STATE_DIR", options.logDir().resolve(run + "-streams" + suffix).toString(),
                        "STREAMS_HTTP_PORT", Integer.toString(streamsPort),
                        "STREAMS_REPLICATION_FACTOR", Short.toString(replication),
                        "TOPIC_REPLICATION_FACTOR", Short.toString(replication),
                        "STREAMS_SESSION_TIMEOUT_MS", Integer.toString(options.sessionTimeoutMs()),
                        "STREAMS_TRANSACTION_TIMEOUT_MS", Integer.toString(options.transactionTimeoutMs())),
                        streamsPort);
                int ingestPort = ServiceJvm.freePort();
                spec("ingest" + suffix, options.serviceJvmOpts(), "dev.awardsticker.ingest.Main", Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "INGEST_HOST", "127.0.0.1",
                        "INGEST_PORT", Integer.toString(ingestPort), "INGEST_TOKENS", "bench=" + TOKEN), ingestPort);
                int gatewayPort = ServiceJvm.freePort();
                spec("gateway" + suffix, options.serviceJvmOpts(), "dev.awardsticker.gateway.Main", Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GATEWAY_HOST", "127.0.0.1",
                        "GATEWAY_PORT", Integer.toString(gatewayPort),
                        "GATEWAY_WEBHOOK_GROUP", "bench-failover-webhooks-" + run), gatewayPort);
            }
            List<String> services = specs.keySet().stream().filter(n -> !n.startsWith("broker")).toList();
            for (String name : services) {
                launch(name);
            }
            for (String name : services) {
                awaitReady(name);
            }
            out.println("services ready: " + services);
        }

        private void launch(String name) throws IOException {
            Spec spec = specs.get(name);
            running.put(name, ServiceJvm.start(name, spec.jvmOpts(), spec.main(), spec.env(), options.logDir()));
        }

        private void awaitReady(String name) throws Exception {
            Spec spec = specs.get(name);
            if (spec.port() == 0) { // a broker, restarted alone
                running.get(name).awaitLine("Kafka", Duration.ofSeconds(120));
            } else {
                running.get(name).awaitReady(spec.port(), Duration.ofSeconds(180));
            }
        }

        private List<String> urls(String service) {
            return specs.values().stream().filter(s -> s.name().startsWith(service))
                    .map(s -> "http://127.0.0.1:" + s.port()).toList();
        }

        /** One ceremony per partition of ceremony-commands (the key's partition as Kafka's producer picks it). */
        private void defineCeremonies(int count) throws Exception {
            Map<Integer, String> byPartition = new TreeMap<>();
            for (int i = 0; byPartition.size() < count; i++) {
                String id = "failover-" + run + "-" + i;
                byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)))
                        % Topics.CEREMONY_PARTITIONS, id);
            }
            ceremonies.addAll(byPartition.values());
            List<String> ingests = urls("ingest");
            for (String id : ceremonies) {
                Submit definition = new Submit("definition " + id, "/ceremonies", Json.bytes(definition(id)), 0);
                definition.post(ingests);
                if (!definition.acknowledged()) {
                    throw new IllegalStateException("the definition of " + id + " was not accepted: " + definition);
                }
            }
            // Every ingest must know the ceremonies before wins go to it (it reads ceremony-definitions).
            for (String ingest : ingests) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!ceremonies.stream().allMatch(id -> known(ingest, id))) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(ingest + " does not list the bench's ceremonies after 60 s");
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
            List<String> gateways = urls("gateway");
            for (int i = 0; i < ceremonies.size(); i++) {
                List<String> order = new ArrayList<>(gateways);
                java.util.Collections.rotate(order, -i); // screens spread over the gateways
                screens.add(new Screen(ceremonies.get(i), order, timers).start());
            }
            out.println("ceremonies (partition 0, 1, ...): " + ceremonies);
        }

        private static boolean known(String ingest, String id) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(ingest + "/ceremonies")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"" + id + "\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static CeremonyDefinition definition(String id) {
            List<Category> categories = IntStream.range(0, CATEGORIES).mapToObj(c -> new Category("Category " + c,
                    IntStream.range(0, NOMINEES).mapToObj(n -> new Nominee("Nominee " + c + "-" + n,
                            "Work " + c + "-" + n, List.of(), null)).toList())).toList();
            return new CeremonyDefinition(id, "failover-bench", "Failover bench " + id, 1, LocalDate.of(2017, 1, 8),
                    "none", categories);
        }

        /** Every pace, one win to each ceremony, each submit on a thread of its own (an answer may take seconds). */
        private void startEditing() {
            editing = true;
            List<String> ingests = urls("ingest");
            int[] next = new int[ceremonies.size()];
            editor.scheduleAtFixedRate(() -> {
                if (!editing) {
                    return;
                }
                try {
                    winEach(ingests, next);
                } catch (RuntimeException e) { // a throwing task would end the schedule: say so and go on
                    out.println("editor: " + e);
                }
            }, 0, options.paceMs(), TimeUnit.MILLISECONDS);
        }

        private void winEach(List<String> ingests, int[] next) {
            for (int k = 0; k < ceremonies.size(); k++) {
                int win = next[k]++;
                if (win >= CATEGORIES * NOMINEES) {
                    continue; // the bench ran longer than a ceremony has wins
                }
                String id = ceremonies.get(k);
                Map<String, Object> body = Map.of("eventId", id + ":win:" + win,
                        "category", "Category " + win / NOMINEES, "nominee", "Nominee " + (win / NOMINEES) + "-"
                                + win % NOMINEES, "tie", win % NOMINEES != 0);
                Submit submit = new Submit(id + ":win:" + win, "/ceremonies/" + id + "/wins", Json.bytes(body),
                        k);
                submitted.add(submit);
                submits.execute(() -> submit.post(ingests));
            }
        }

        List<Row> measureKills(Options options, PrintStream out) throws Exception {
            startEditing();
            TimeUnit.MILLISECONDS.sleep(options.warmUpMs());
            List<Row> rows = new ArrayList<>();
            rows.add(window("none (baseline)", "two of each, 3 brokers", "", System.currentTimeMillis(), null));
            for (String target : options.targets()) {
                if (!specs.containsKey(target)) {
                    throw new IllegalArgumentException("no process " + target + " to kill: BENCH_TARGETS takes "
                            + specs.keySet());
                }
                String detail = target.startsWith("broker") ? brokerRoles(Integer.parseInt(target.substring(7)))
                        : "";
                long killed = System.currentTimeMillis();
                running.get(target).kill9();
                out.printf("killed %s at %d (%s)%n", target, killed, detail);
                rows.add(window(target, "two of each, 3 brokers", detail, killed, null));
                launch(target);
                awaitReady(target);
                if (target.startsWith("broker")) {
                    cluster.awaitInSync(3, Duration.ofMinutes(2)); // the next kill is then one loss, not two
                }
                TimeUnit.MILLISECONDS.sleep(options.settleMs());
            }
            finishEditing();
            return settle(rows);
        }

        List<Row> measureRestarts(Options options, PrintStream out) throws Exception {
            startEditing();
            TimeUnit.MILLISECONDS.sleep(options.warmUpMs());
            List<Row> rows = new ArrayList<>();
            for (boolean keepState : List.of(true, false)) {
                String how = keepState ? "state kept" : "empty state";
                if (!keepState) {
                    Spec spec = specs.get("streams");
                    Map<String, String> env = new HashMap<>(spec.env());
                    env.put("STREAMS_STATE_DIR", options.logDir().resolve(run + "-streams-empty").toString());
                    specs.put("streams", new Spec(spec.name(), spec.jvmOpts(), spec.main(), env, spec.port()));
                }
                long killed = System.currentTimeMillis();
                running.get("streams").kill9();
                launch("streams"); // at once: a restart, not a takeover
                out.printf("killed and restarted streams (%s) at %d%n", how, killed);
                rows.add(window("streams, restarted (" + how + ")", "one of each, 1 broker", "", killed,
                        () -> awaitReady("streams")));
                TimeUnit.MILLISECONDS.sleep(options.settleMs());
            }
            finishEditing();
            return settle(rows);
        }

        /** What the screens and the editor saw from a second before {@code killedAt} to BENCH_AFTER_MS after it. */
        private Row window(String killed, String shape, String detail, long killedAt, Step during) throws Exception {
            if (during != null) {
                during.run();
            }
            long end = killedAt + options.afterMs();
            long wait = end - System.currentTimeMillis();
            if (wait > 0) {
                TimeUnit.MILLISECONDS.sleep(wait);
            }
            long from = killedAt - 1000;
            long silence = 0;
            String where = "-";
            for (Screen screen : screens) {
                List<Long> arrivals = screen.arrivals(from, end);
                for (int i = 1; i < arrivals.size(); i++) {
                    long gap = arrivals.get(i) - arrivals.get(i - 1);
                    if (gap > silence) {
                        silence = gap;
                        where = screen.ceremony.substring(screen.ceremony.lastIndexOf('-') + 1) + " from +"
                                + (arrivals.get(i - 1) - killedAt) + " ms";
                    }
                }
            }
            submitted.stream().filter(s -> s.started >= from && s.started <= end).forEach(s -> s.row = killed);
            return new Row(killed, shape, detail, silence, where, -1, -1, -1, -1, -1, -1); // answers: settle()
        }

        /** Stops the editor and waits for every submit's final answer (or 60 s). */
        private void finishEditing() throws InterruptedException {
            editing = false;
            long deadline = System.currentTimeMillis() + 60_000;
            while (submitted.stream().anyMatch(s -> s.answered == 0) && System.currentTimeMillis() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        /** Fills in lost and doubled from ceremony-updates as committed, once every submit was answered. */
        private List<Row> settle(List<Row> rows) {
            Map<String, Integer> declared = declaredWins();
            List<Row> result = new ArrayList<>();
            for (Row row : rows) {
                List<Submit> mine = submitted.stream().filter(s -> row.killed().equals(s.row)).toList();
                int lost = (int) mine.stream().filter(Submit::acknowledged).filter(s -> !declared.containsKey(s.eventId))
                        .count();
                int doubled = (int) mine.stream().filter(s -> declared.getOrDefault(s.eventId, 0) > 1).count();
                long answer = mine.stream().filter(s -> s.answered > 0).mapToLong(s -> s.answered - s.started).max()
                        .orElse(0);
                result.add(new Row(row.killed(), row.shape(), row.detail(), row.silenceMs(), row.silenceWhere(),
                        answer, (int) mine.stream().filter(s -> "PENDING".equals(s.verdict)).count(),
                        (int) mine.stream().filter(Submit::acknowledged).count(), lost, doubled,
                        (int) mine.stream().filter(s -> s.answered == 0).count()));
            }
            // Outside any window, too: every acknowledged win of the whole run once.
            long lostAnywhere = submitted.stream().filter(Submit::acknowledged)
                    .filter(s -> !declared.containsKey(s.eventId)).count();
            if (lostAnywhere > 0) {
                logProblems.add(lostAnywhere + " acknowledged wins never declared");
            }
            return result;
        }

        private final List<String> logProblems = new ArrayList<>();

        /** Declaring updates per win event id, from the whole of ceremony-updates (read_committed); checks seq. */
        private Map<String, Integer> declaredWins() {
            Map<String, Integer> declared = new HashMap<>();
            Map<String, Long> lastSeq = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = TopicReader.open(bootstrap, "read_committed", Map.of())) {
                List<TopicPartition> partitions = TopicReader.fromStart(consumer, Topics.CEREMONY_UPDATES);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.currentTimeMillis() + 60_000;
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (!ceremonies.contains(record.key())) {
                            continue;
                        }
                        JsonNode update = Json.read(record.value(), JsonNode.class);
                        long seq = update.path("seq").asLong();
                        long before = lastSeq.getOrDefault(record.key(), 0L);
                        if (seq != before + 1) {
                            logProblems.add(record.key() + ": seq " + seq + " after " + before);
                        }
                        lastSeq.put(record.key(), seq);
                        for (JsonNode change : update.path("changes")) {
                            if ("WinnerDeclared".equals(change.path("type").asText())) {
                                declared.merge(update.path("eventId").asText(), 1, Integer::sum);
                                break;
                            }
                        }
                    }
                }
            }
            return declared;
        }

        List<String> screenProblems() {
            List<String> problems = new ArrayList<>();
            for (Screen screen : screens) {
                screen.problems.forEach(p -> problems.add(screen.ceremony + ": " + p));
            }
            return problems;
        }

        List<String> logProblems() {
            return logProblems;
        }

        /** What broker {@code id} leads: the ceremonies' partitions and the live app's transaction coordinators. */
        private String brokerRoles(int id) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                List<String> roles = new ArrayList<>();
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.CEREMONY_COMMANDS,
                        Topics.CEREMONY_UPDATES)).allTopicNames().get(10, TimeUnit.SECONDS);
                topics.forEach((topic, description) -> description.partitions().stream()
                        .filter(p -> p.leader() != null && p.leader().id() == id)
                        .forEach(p -> roles.add(topic + "-" + p.partition())));
                for (int p = 0; p < Topics.CEREMONY_PARTITIONS; p++) {
                    if (cluster.coordinatorOfLastWriter(Topics.CEREMONY_UPDATES, p) == id) {
                        roles.add("transaction coordinator of updates-" + p + "'s writer");
                    }
                }
                int controller = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
                if (controller == id) {
                    roles.add("active controller");
                }
                return "leads " + String.join(", ", roles);
            } catch (Exception e) {
                return "roles unknown: " + e;
            }
        }

        private void stopAll() {
            editing = false;
            screens.forEach(Screen::close);
            List<String> names = new ArrayList<>(specs.keySet());
            java.util.Collections.reverse(names); // services first, then the brokers
            for (String name : names) {
                ServiceJvm jvm = running.remove(name);
                if (jvm != null) {
                    jvm.close();
                }
            }
        }

        @Override
        public void close() {
            stopAll();
            submits.shutdownNow();
            timers.shutdownNow();
            editor.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One editor event as a desk client sends it: on no answer or 503, the very same request at once to the other
     * ingest, then with a short backoff, until a final answer (for up to 60 s).
     */
    private static final class Submit {
        final String eventId;
        final String path;
        final byte[] body;
        final int preferred;
        final long started = System.currentTimeMillis();
        volatile long answered;
        volatile int status;
        volatile String verdict = "";
        volatile int attempts;
        volatile String row;

        Submit(String eventId, String path, byte[] body, int preferred) {
            this.eventId = eventId;
            this.path = path;
            this.body = body;
            this.preferred = preferred;
        }

        boolean acknowledged() {
            return status / 100 == 2;
        }

        void post(List<String> ingests) {
            long deadline = started + 60_000;
            for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
                attempts = attempt + 1;
                String url = ingests.get((preferred + attempt) % ingests.size()) + path;
                try {
                    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 503) {
                        verdict = response.body().length == 0 ? ""
                                : Json.read(response.body(), JsonNode.class).path("status").asText();
                        status = response.statusCode();
                        answered = System.currentTimeMillis();
                        return;
                    }
                } catch (IOException e) {
                    // no answer: the instance died or is down; the same request goes to the other one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (attempt > 0) {
                    try {
                        TimeUnit.MILLISECONDS.sleep(Math.min(500, 50L * attempt));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        @Override
        public String toString() {
            return eventId + " " + status + " " + verdict + " after " + attempts + " attempt(s)";
        }
    }

    /**
     * A screen as PROTOCOL.md asks one to behave (the JDK's WebSocket client, a stack apart from the gateway's): on any
     * disconnect it reconnects to the next gateway and resumes after the last seq it applied. It records when each
     * update arrived, and as problems any gap, repeat or reset.
     */
    private static final class Screen implements WebSocket.Listener {
        final String ceremony;
        private final List<String> gateways;
        private final ScheduledExecutorService timers;
        private final List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {arrival ms, seq}
        final List<String> problems = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile long epoch;
        private volatile long lastSeq;
        private volatile boolean closed;
        private volatile WebSocket socket;
        private int next;

        Screen(String ceremony, List<String> gatewayUrls, ScheduledExecutorService timers) {
            this.ceremony = ceremony;
            this.gateways = gatewayUrls.stream().map(u -> u.replace("http://", "ws://") + "/ws").toList();
            this.timers = timers;
        }

        Screen start() {
            connect();
            return this;
        }

        private synchronized void connect() {
            if (closed) {
                return;
            }
            String url = gateways.get(next++ % gateways.size());
            partial.setLength(0);
            HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2)).buildAsync(URI.create(url), this)
                    .whenComplete((ws, failed) -> {
                        if (failed != null) {
                            timers.schedule(this::connect, 200, TimeUnit.MILLISECONDS); // that gateway is down
                            return;
                        }
                        socket = ws;
                        Map<String, Object> subscribe = new LinkedHashMap<>(Map.of("op", "subscribe", "ceremony",
                                ceremony));
                        if (lastSeq > 0) {
                            subscribe.put("epoch", epoch);
                            subscribe.put("lastSeq", lastSeq);
                        }
                        ws.sendText(Json.text(subscribe), true);
                    });
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                JsonNode frame = Json.read(partial.toString().getBytes(StandardCharsets.UTF_8), JsonNode.class);
                partial.setLength(0);
                switch (frame.path("type").asText()) {
                    case "snapshot" -> {
                        if (lastSeq > 0) {
                            problems.add("reset: snapshot at " + frame.path("seq").asLong() + " after " + lastSeq);
                        }
                        epoch = frame.path("epoch").asLong();
                        lastSeq = frame.path("seq").asLong();
                    }
                    case "reset" -> problems.add("reset after " + lastSeq);
                    case "update" -> {
                        JsonNode update = frame.path("update");
                        long seq = update.path("seq").asLong();
                        if (seq <= lastSeq) {
                            problems.add("seq " + seq + " again after " + lastSeq);
                        } else {
                            if (seq != lastSeq + 1) {
                                problems.add("gap: seq " + seq + " after " + lastSeq);
                            }
                            epoch = update.path("epoch").asLong();
                            lastSeq = seq;
                            arrivals.add(new long[] {now, seq});
                        }
                    }
                    default -> { }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            reconnect(ws);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            reconnect(ws);
        }

        private void reconnect(WebSocket ws) {
            if (ws == socket && !closed) {
                socket = null;
                timers.schedule(this::connect, 100, TimeUnit.MILLISECONDS);
            }
        }

        /** Arrival times from the last update at or before {@code from} (the window's start) to {@code to}. */
        List<Long> arrivals(long from, long to) {
            List<Long> times = new ArrayList<>();
            long before = -1;
            for (long[] arrival : arrivals) {
                if (arrival[0] <= from) {
                    before = arrival[0];
                } else if (arrival[0] <= to) {
                    times.add(arrival[0]);
                }
            }
            if (before >= 0) {
                times.add(0, before);
            }
            times.add(to); // none since the last: silent to the window's end
            return times.stream().sorted().collect(Collectors.toList());
        }

        void close() {
            closed = true;
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
