package dev.awardsticker.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.hub.ClientStats;
import io.vertx.core.Vertx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway under test in a JVM of its own, so its heap and CPU are its own and not the load generator's or the
 * broker's. {@link #main} starts the real {@link GatewayService} and answers one-line commands on stdin
 * ({@code heap}: used heap after full GCs; {@code cpu}: process CPU ns; {@code stats}: connections and frames
 * sent; {@code quit}). {@link #start} launches it from the bench's own classpath. Its output (stdout and stderr) is
 * read as it comes, so a chatty gateway never blocks on a full pipe: answers go to the asker, everything else is
 * echoed, and Vert.x's blocked-thread warnings are counted ({@link #blockedThreadWarnings}).
 */
final class GatewayProcess implements AutoCloseable {
    /**
     * The gateway JVM's flags, each for a reason:
     * fixed 1 GB heap: 20,000 connections need ~200 MB, the rest is room so young collections stay rare;
     * SerialGC: on 2 shared cores a young collection of per-frame garbage takes a few ms and no concurrent GC
     * threads compete with the event loop (and heap after a full GC is exact for the per-connection figure);
     * AlwaysPreTouch: no page faults on first use of the heap during the measured replay.
     */
    static final List<String> DEFAULT_JVM_OPTS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+AlwaysPreTouch");

    /** What Vert.x's BlockedThreadChecker logs when a loop or worker thread overran its limit. */
    static final String BLOCKED_WARNING = "has been blocked for";
    /** First words of the child's answers; any other line is log output. */
    private static final Set<String> ANSWERS = Set.of("port", "heap", "cpu", "gc", "stats", "histo", "unknown");
    private static final String EXITED = "exited";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final AtomicInteger blockedWarnings = new AtomicInteger();
    private final int port;

    private GatewayProcess(Process process) throws IOException {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pump, "gateway-out");
        pump.setDaemon(true);
        pump.start();
        this.port = Integer.parseInt(expect("port"));
    }

    static GatewayProcess start(String bootstrap, List<String> jvmOpts) throws IOException {
        return start(bootstrap, jvmOpts, null);
    }

    /**
     * @param eventLoops the gateway's GATEWAY_EVENT_LOOPS, or null for its default
     */
    static GatewayProcess start(String bootstrap, List<String> jvmOpts, Integer eventLoops) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(), bootstrap));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (eventLoops != null) {
            builder.environment().put("GATEWAY_EVENT_LOOPS", eventLoops.toString());
        }
        return new GatewayProcess(builder.start());
    }

    /** Reads the child's output as it comes: answers to {@link #answers}, the rest echoed (warnings counted). */
    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space > 0 && ANSWERS.contains(line.substring(0, space))) {
                    answers.add(line);
                    continue;
                }
                if (line.contains(BLOCKED_WARNING)) {
                    blockedWarnings.incrementAndGet();
                }
                System.out.println("gateway: " + line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            answers.add(EXITED);
        }
    }

    int port() {
        return port;
    }

    long heapAfterGc() throws IOException {
        return Long.parseLong(ask("heap"));
    }

    /** Prints the gateway's biggest classes on the heap (through {@link #expect}'s echo). */
    void printHistogram() throws IOException {
        ask("histo");
    }

    long cpuNanos() throws IOException {
        return Long.parseLong(ask("cpu"));
    }

    /** "collections/total ms" of the gateway JVM's collectors so far. */
    String gc() throws IOException {
        return ask("gc");
    }

    /** "connections framesSent" as the gateway counts them. */
    String stats() throws IOException {
        return ask("stats");
    }

    private String ask(String command) throws IOException {
        in.println(command);
        return expect(command);
    }

    /** Vert.x "has been blocked for" warnings the gateway has printed so far (read them before and after a window). */
    int blockedThreadWarnings() {
        return blockedWarnings.get();
    }

    /** The gateway's {@code GET /metrics} (Prometheus text). */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    private String expect(String key) throws IOException {
        try {
            String line;
            while (!(line = answers.take()).equals(EXITED)) {
                if (line.startsWith(key + " ")) {
                    return line.substring(key.length() + 1).strip();
                }
                System.out.println("gateway: " + line);
            }
            answers.add(EXITED); // for any later asker
            throw new IOException("the gateway process exited before answering '" + key + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the gateway's '" + key + "'", e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        ChildProcesses.stop(process, 5);
    }

    /**
     * The child: {@code GatewayProcess <bootstrap>}. Configured as in production, from the environment (so settings
     * such as GATEWAY_EVENT_LOOPS apply), with the broker and a free port fixed here.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", args[0]);
        env.put("GATEWAY_PORT", "0");
        Vertx vertx = Vertx.vertx();
        GatewayService gateway = GatewayService.start(vertx, GatewayConfig.fromEnv(env)).await(60, TimeUnit.SECONDS);
        System.out.println("port " + gateway.port());
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("quit")) {
            switch (command) {
                case "heap" -> System.out.println("heap " + JvmStats.usedHeapAfterGc());
                case "cpu" -> System.out.println("cpu " + os.getProcessCpuTime());
                case "gc" -> System.out.println("gc " + JvmStats.gc());
                case "histo" -> {
                    // What the heap holds, biggest classes first (as jcmd GC.class_histogram), for heap per connection.
                    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
                    histogram.lines().limit(28).forEach(line -> System.out.println("| " + line));
                    System.out.println("histo done");
                }
                case "stats" -> {
                    try {
                        // Answered by the event loop, which may still be busy fanning out the last updates.
                        ClientStats stats = gateway.clientStats().await(120, TimeUnit.SECONDS);
                        System.out.println("stats " + stats.connections() + " connections, " + stats.conflated()
                                + " conflated, " + stats.closedTooSlow() + " closed too slow, peak pending "
                                + stats.peakPendingFrames() + " frames");
                    } catch (Exception e) {
                        System.out.println("stats n/a (" + e + ")");
                    }
                }
                default -> System.out.println("unknown " + command);
            }
        }
        gateway.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        System.exit(0);
    }
}
