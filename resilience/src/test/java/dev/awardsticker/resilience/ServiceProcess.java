package dev.awardsticker.resilience;

import dev.awardsticker.kafka.EmbeddedKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A service's own {@code Main} in a child JVM, so that a crash is a real {@code kill -9}: no shutdown hook, no
 * close, no last commit. Its output goes to {@code target/service-logs/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code mainClass} with the test's classpath and {@code env}; {@code port} is its HTTP port. */
    static ServiceProcess start(String name, Class<?> mainClass, int port, Map<String, String> env) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "service-logs"));
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), mainClass.getName());
            builder.environment().putAll(env);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                    logs.resolve(name + ".log").toFile()));
            return new ServiceProcess(name, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until {@code /ready} answers 200 (caught up with Kafka). */
    ServiceProcess awaitReady(Duration atMost) {
        await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/service-logs/" + name + ".log");
            }
            return ready();
        });
        return this;
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/ready"))).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** SIGKILL: the process gets no chance to flush, commit or say goodbye. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived kill -9 for 30 s");
        }
    }

    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /**
     * Stops them together, as an orchestrator stops a deployment: SIGTERM to each (their shutdown hooks run at the
     * same time), then each gets up to 20 s before SIGKILL.
     */
    static void closeAll(Collection<ServiceProcess> processes) {
        processes.forEach(p -> p.process.destroy());
        for (ServiceProcess p : processes) {
            try {
                if (!p.process.waitFor(20, TimeUnit.SECONDS)) {
                    p.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static int freePort() {
        return EmbeddedKafka.freePort();
    }
}
