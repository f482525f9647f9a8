package dev.awardsticker.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.ws.ClientStats;
import io.vertx.core.Vertx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway under test in a JVM of its own, so its heap and CPU are its own and not the load generator's or the
 * broker's. {@link #main} starts the real {@link GatewayService} and answers one-line commands on stdin
 * ({@code heap}: used heap after full GCs; {@code cpu}: process CPU ns; {@code stats}: connections and frames
 * sent; {@code quit}). {@link #start} launches it from the bench's own classpath.
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

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int port;

    private GatewayProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.port = Integer.parseInt(expect("port"));
    }

    static GatewayProcess start(String bootstrap, List<String> jvmOpts) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(), bootstrap));
        return new GatewayProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
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

    private String expect(String key) throws IOException {
        return ChildProcesses.expect(out, key, "gateway", process);
    }

    @Override
    public void close() {
        in.println("quit");
        ChildProcesses.stop(process, 5);
    }

    /** The child: {@code GatewayProcess <bootstrap>}. */
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        GatewayService gateway = GatewayService.start(vertx, GatewayConfig.of(args[0], 0)).await(60, TimeUnit.SECONDS);
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
