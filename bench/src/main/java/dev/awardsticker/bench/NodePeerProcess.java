package dev.awardsticker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Node peer gateway ({@code bench/node-peer/server.js}: {@code ws} + {@code kafkajs}) as a child process on the
 * same broker. Its dependencies must be installed first ({@code npm ci} in that folder; {@code bench/run.sh} does).
 */
final class NodePeerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private NodePeerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodePeerProcess start(Path dir, String bootstrap) throws IOException {
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("run 'npm ci' in " + dir.toAbsolutePath() + " first (bench/run.sh does)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("port ")) {
                int port = Integer.parseInt(line.substring(5).strip());
                Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("node peer: " + l)),
                        "node-peer-out");
                drain.setDaemon(true);
                drain.start();
                return new NodePeerProcess(process, port);
            }
            System.out.println("node peer: " + line);
        }
        throw new IOException("the Node peer exited before listening");
    }

    int port() {
        return port;
    }

    /** utime + stime of the process from /proc (Linux), in ns. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat
        return ticks * TimeUnit.SECONDS.toNanos(1) / 100; // USER_HZ is 100 on Linux
    }

    @Override
    public void close() {
        process.destroy();
        ChildProcesses.stop(process, 5);
    }
}
