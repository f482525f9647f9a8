package dev.awardsticker.bench;

import dev.awardsticker.kafka.EmbeddedKafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service (broker, Streams app, ingest, gateway) in a JVM of its own, started with its real {@code main} from the
 * bench's classpath (bench.jar and bench/target/lib, which holds the module jars), configured by environment
 * variables as in production. Its stdout and stderr go to {@code <logDir>/<name>.log}; a line {@code "<key> <value>"}
 * can be awaited ({@link #awaitLine}). Closing asks it to stop (SIGTERM: its shutdown hooks run, then stdin
 * {@code quit} for the broker) and kills it after 15 s.
 */
final class ServiceJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final PrintWriter stdin;
    private final List<CompletableFuture<String>> waits = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    private ServiceJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code mainClass} with {@code jvmOpts} and {@code env} on top of this JVM's environment. */
    static ServiceJvm start(String name, List<String> jvmOpts, String mainClass, Map<String, String> env, Path logDir)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = logDir.resolve(name + ".log");
        ServiceJvm jvm = new ServiceJvm(name, builder.start(), log);
        Thread pump = new Thread(jvm::pump, "log-" + name);
        pump.setDaemon(true);
        pump.start();
        return jvm;
    }

    /** Copies the child's output to its log file and completes the awaited lines. */
    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var file = Files.newBufferedWriter(log, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) { // a restarted child (FailoverBench) goes on in the same log
            String line;
            while ((line = out.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                synchronized (waits) {
                    for (int i = 0; i < keys.size(); i++) {
                        if (line.startsWith(keys.get(i) + " ")) {
                            waits.get(i).complete(line.substring(keys.get(i).length() + 1).strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (waits) {
                waits.forEach(w -> w.completeExceptionally(new IOException("the " + name + " JVM exited (see " + log
                        + ")")));
            }
        }
    }

    /** The value of the child's first line {@code "<key> <value>"} (only lines printed after this call started). */
    String awaitLine(String key, Duration timeout) throws Exception {
        return line(key).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The value of the child's first line {@code "<key> <value>"} printed after this call, when it comes: for children
     * started together that print their lines at about the same moment (a cluster's nodes once they have a quorum).
     */
    CompletableFuture<String> line(String key) {
        CompletableFuture<String> wait = new CompletableFuture<>();
        synchronized (waits) {
            keys.add(key);
            waits.add(wait);
        }
        return wait;
    }

    /** Until {@code GET http://127.0.0.1:<port>/ready} answers 200; fails if the JVM exits or time runs out. */
    void awaitReady(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " JVM exited with " + process.exitValue() + " (see "
                        + log + ")");
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s: " + last + " (see "
                + log + ")");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last commit, no goodbye to the group; returns once the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived kill -9 for 30 s (pid " + process.pid() + ")");
        }
    }

    @Override
    public void close() {
        stdin.println("quit"); // the broker's way out; the services ignore stdin
        process.destroy(); // SIGTERM: the services' shutdown hooks close Kafka clients and servers cleanly
        ChildProcesses.stop(process, 15);
    }

    /** A free TCP port on the loopback interface (for a child that needs a fixed port in its environment). */
    static int freePort() {
        return EmbeddedKafka.freePort();
    }
}
