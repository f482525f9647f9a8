package dev.awardsticker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import dev.awardsticker.contract.Json;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The machine's floor for the gateway's fan-out, with none of our code and no Netty, Vert.x or WebSocket library: a
 * plain Java NIO server holds N accepted loopback TCP connections and, each round, writes ONE pre-encoded WebSocket
 * text frame (server to client: unmasked, a ~1.2 KB payload) to each of them, one {@code write} per socket as a
 * real fan-out does, from W writer threads each owning a slice of the sockets. A client JVM ({@link Client}) holds
 * the other ends on a few selector threads and times each socket from the moment the server started the round (the
 * frame carries that {@code System.nanoTime()}: CLOCK_MONOTONIC on Linux, one clock for both processes) to the
 * moment it has read the whole frame. What it tells: how fast any gateway on this machine can put one update on
 * every screen, and what it costs in CPU on both sides; FanoutBench's fan-out spread is the figure to hold it to.
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutFloorBench}
 * (raise the soft socket limit first, as {@code bench/run.sh} does: {@code ulimit -n $(ulimit -Hn)}). Environment:
 * BENCH_FLOOR_CONNECTIONS (19500), BENCH_FLOOR_WRITERS (1,2: one row each), BENCH_FLOOR_ROUNDS (20),
 * BENCH_FLOOR_INTERVAL_MS (1500, from one round's start to the next), BENCH_FLOOR_READERS (2, the client's selector
 * threads), BENCH_FLOOR_PAYLOAD_BYTES (1200), BENCH_FLOOR_WARMUP_ROUNDS (3, unmeasured, before each row).
 */
public final class FanoutFloorBench {
    private FanoutFloorBench() {}

    record Options(int connections, List<Integer> writers, int rounds, long intervalMs, int readers, int payloadBytes,
                   int warmupRounds) {
        static Options fromEnv(Map<String, String> env) {
            return new Options(Integer.parseInt(env.getOrDefault("BENCH_FLOOR_CONNECTIONS", "19500")),
                    Arrays.stream(env.getOrDefault("BENCH_FLOOR_WRITERS", "1,2").split(","))
                            .map(w -> Integer.valueOf(w.trim())).toList(),
                    Integer.parseInt(env.getOrDefault("BENCH_FLOOR_ROUNDS", "20")),
                    Long.parseLong(env.getOrDefault("BENCH_FLOOR_INTERVAL_MS", "1500")),
                    Integer.parseInt(env.getOrDefault("BENCH_FLOOR_READERS", "2")),
                    Integer.parseInt(env.getOrDefault("BENCH_FLOOR_PAYLOAD_BYTES", "1200")),
                    Integer.parseInt(env.getOrDefault("BENCH_FLOOR_WARMUP_ROUNDS", "3")));
        }
    }

    /**
     * One writer-thread count's figures over its measured rounds. Latency: round start -> a socket has the whole
     * frame, over all sockets and rounds; lastSocket: per round, when the last socket had it (median and worst
     * round); writesDone: per round, when the server's last write returned; CPU per frame: the process's CPU time
     * over the rounds (gaps included) / frames.
     */
    record Row(int writers, int connections, int rounds, long frames, long received, double p50Ms, double p99Ms,
               double maxMs, double lastSocketMedianMs, double lastSocketMaxMs, double writesDoneMedianMs,
               double writesDoneMaxMs, double serverCpuMicrosPerFrame, double clientCpuMicrosPerFrame) {}

    /** Frame layout: fixed-width digits at fixed offsets, so the client reads them without parsing JSON. */
    private static final int HEADER = 4; // 0x81, 126, 16-bit length: text frame, FIN, unmasked
    private static final String ROUND_KEY = "{\"type\":\"update\",\"round\":";
    private static final int ROUND_DIGITS = 6;
    private static final String SENT_KEY = ",\"sentAt\":";
    private static final int SENT_DIGITS = 19;
    private static final int ROUND_AT = HEADER + ROUND_KEY.length();
    private static final int SENT_AT = ROUND_AT + ROUND_DIGITS + SENT_KEY.length();
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    public static void main(String[] args) throws Exception {
        run(Options.fromEnv(System.getenv()), System.out);
        System.exit(0);
    }

    static List<Row> run(Options options, PrintStream out) throws Exception {
        int n = FanoutBench.socketBudget(options.connections(), out);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ByteBuffer frame = frame(options.payloadBytes());
        List<Row> rows = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    Client.class.getName(), Integer.toString(port), Integer.toString(n),
                    Integer.toString(options.readers()), Integer.toString(frame.capacity()),
                    Integer.toString(1 + options.writers().size() * (options.warmupRounds() + options.rounds())))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            try {
                SocketChannel[] sockets = accept(server, n, process);
                int connected = Integer.parseInt(ChildProcesses.expect(answers, "connected", "floor client", process));
                commands.println("clock " + System.nanoTime());
                long skew = Long.parseLong(ChildProcesses.expect(answers, "clock", "floor client", process));
                if (skew < 0 || skew > TimeUnit.SECONDS.toNanos(1)) {
                    out.printf("WARNING: the two JVMs' System.nanoTime() differ by %d ns (not one clock): the "
                            + "latencies below are meaningless%n", skew);
                }
                int round = 1;
                for (int writers : options.writers()) {
                    ExecutorService pool = Executors.newFixedThreadPool(writers);
                    try {
                        for (int i = 0; i < options.warmupRounds(); i++) {
                            fanOut(round++, sockets, writers, frame, pool);
                            TimeUnit.MILLISECONDS.sleep(Math.min(300, options.intervalMs()));
                        }
                        long serverCpu = os.getProcessCpuTime();
                        long clientCpu = cpu(commands, answers, process);
                        int first = round;
                        long[] writesDone = new long[options.rounds()];
                        long next = System.nanoTime();
                        for (int i = 0; i < options.rounds(); i++) {
                            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                            next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.intervalMs());
                            writesDone[i] = fanOut(round++, sockets, writers, frame, pool);
                        }
                        long received = awaitReceived(commands, answers, process, first, round,
                                (long) options.rounds() * n);
                        serverCpu = os.getProcessCpuTime() - serverCpu;
                        clientCpu = cpu(commands, answers, process) - clientCpu;
                        commands.println("result " + first + " " + round);
                        JsonNode result = Json.MAPPER.readTree(ChildProcesses.expect(answers, "result", "floor client",
                                process));
                        rows.add(row(writers, n, options.rounds(), received, result, writesDone, serverCpu, clientCpu));
                    } finally {
                        pool.shutdownNow();
                    }
                }
                print(rows, options, frame.capacity(), connected, out);
            } finally {
                commands.println("quit");
                ChildProcesses.stop(process, 10);
            }
        }
        return rows;
    }

    /** Accepts {@code n} connections (the client opens them one after the other), or fails after 2 minutes. */
    private static SocketChannel[] accept(ServerSocketChannel server, int n, Process client) throws IOException {
        SocketChannel[] sockets = new SocketChannel[n];
        server.configureBlocking(false);
        long deadline = System.currentTimeMillis() + 120_000;
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            int accepted = 0;
            while (accepted < n) {
                if (System.currentTimeMillis() > deadline || !client.isAlive()) {
                    throw new IOException("only " + accepted + " of " + n + " connections came");
                }
                selector.select(1000);
                selector.selectedKeys().clear();
                SocketChannel socket;
                while (accepted < n && (socket = server.accept()) != null) {
                    socket.configureBlocking(false);
                    socket.setOption(StandardSocketOptions.TCP_NODELAY, true); // as a gateway sets it
                    sockets[accepted++] = socket;
                }
            }
        }
        return sockets;
    }

    /** A text frame of {@code payloadBytes} of JSON: {"type":"update","round":…,"sentAt":…,"pad":"xx…"}. */
    static ByteBuffer frame(int payloadBytes) {
        String head = ROUND_KEY + "0".repeat(ROUND_DIGITS) + SENT_KEY + "0".repeat(SENT_DIGITS) + ",\"pad\":\"";
        int pad = Math.max(0, payloadBytes - head.length() - 2);
        byte[] payload = (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.US_ASCII);
        if (payload.length > 65_535) {
            throw new IllegalArgumentException("payload over 64 KB: needs the 64-bit length form");
        }
        ByteBuffer frame = ByteBuffer.allocateDirect(HEADER + payload.length); // direct: write(2) straight from it
        frame.put((byte) 0x81).put((byte) 126).putShort((short) payload.length).put(payload).flip();
        return frame;
    }

    /**
     * One round: stamps the frame, then each writer writes it to its slice of the sockets; returns the ns from the
     * stamp until the last write returned. The stamp is taken before the writers are woken: their wake-up counts.
     */
    private static long fanOut(int round, SocketChannel[] sockets, int writers, ByteBuffer frame, ExecutorService pool)
            throws Exception {
        long start = System.nanoTime();
        putDigits(frame, ROUND_AT, ROUND_DIGITS, round);
        putDigits(frame, SENT_AT, SENT_DIGITS, start);
        List<Future<Long>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int from = (int) ((long) sockets.length * w / writers);
            int to = (int) ((long) sockets.length * (w + 1) / writers);
            done.add(pool.submit(() -> writeAll(sockets, from, to, frame.duplicate())));
        }
        long last = 0;
        for (Future<Long> d : done) {
            last = Math.max(last, d.get(60, TimeUnit.SECONDS));
        }
        return last - start;
    }

    /** Writes the frame to sockets [from, to); a socket whose buffer was full (rare) is finished afterwards. */
    private static long writeAll(SocketChannel[] sockets, int from, int to, ByteBuffer frame) throws IOException {
        List<ByteBuffer> rest = new ArrayList<>();
        List<SocketChannel> restOf = new ArrayList<>();
        for (int i = from; i < to; i++) {
            frame.clear();
            sockets[i].write(frame);
            if (frame.hasRemaining()) {
                rest.add(frame.duplicate());
                restOf.add(sockets[i]);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < rest.size(); i++) {
            while (rest.get(i).hasRemaining()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("a client socket took no more for 30 s");
                }
                restOf.get(i).write(rest.get(i));
                Thread.onSpinWait();
            }
        }
        return System.nanoTime();
    }

    private static void putDigits(ByteBuffer frame, int at, int digits, long value) {
        for (int i = at + digits - 1; i >= at; i--) {
            frame.put(i, (byte) ('0' + value % 10));
            value /= 10;
        }
    }

    private static long cpu(PrintWriter commands, BufferedReader answers, Process process) throws IOException {
        commands.println("cpu");
        return Long.parseLong(ChildProcesses.expect(answers, "cpu", "floor client", process));
    }

    /** Frames the client completed in rounds [from, to), once all came or nothing more came for 10 s. */
    private static long awaitReceived(PrintWriter commands, BufferedReader answers, Process process, int from, int to,
                                      long expected) throws IOException, InterruptedException {
        long received = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() - quietSince < 10_000) {
            commands.println("status " + from + " " + to);
            long now = Long.parseLong(ChildProcesses.expect(answers, "status", "floor client", process));
            if (now >= expected) {
                return now;
            }
            if (now != received) {
                received = now;
                quietSince = System.currentTimeMillis();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return received;
    }

    private static Row row(int writers, int n, int rounds, long received, JsonNode result, long[] writesDone,
                           long serverCpuNanos, long clientCpuNanos) {
        Histogram latency = ClientsProcess.decode(result.get("latency").asText());
        long[] lastSocket = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            lastSocket[i] = result.get("roundMax").get(i).asLong();
        }
        Arrays.sort(lastSocket);
        long[] writes = writesDone.clone();
        Arrays.sort(writes);
        long frames = (long) rounds * n;
        return new Row(writers, n, rounds, frames, received, latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3, lastSocket[rounds / 2] / 1e3,
                lastSocket[rounds - 1] / 1e3, writes[rounds / 2] / 1e6, writes[rounds - 1] / 1e6,
                serverCpuNanos / 1e3 / frames, clientCpuNanos / 1e3 / frames);
    }

    private static void print(List<Row> rows, Options options, int frameBytes, int connected, PrintStream out) {
        out.printf("%nFan-out floor: one pre-encoded %d-byte WebSocket frame written to each of %d loopback TCP "
                        + "sockets per round (plain Java NIO, one write per socket; no Netty, Vert.x or WebSocket "
                        + "library), read by %d selector threads in a client JVM (%d connected); %d rounds %d ms "
                        + "apart after %d unmeasured; %d cores, load average %s%n", frameBytes,
                rows.isEmpty() ? 0 : rows.get(0).connections(), options.readers(), connected, options.rounds(),
                options.intervalMs(), options.warmupRounds(), Runtime.getRuntime().availableProcessors(),
                JvmStats.loadAverage());
        out.printf("%7s %8s %9s %9s %7s %7s %7s %16s %16s %14s %14s%n", "writers", "rounds", "frames", "received",
                "p50 ms", "p99 ms", "max ms", "last socket ms", "writes done ms", "server µs/fr", "client µs/fr");
        for (Row r : rows) {
            out.printf("%7d %8d %9d %9d %7.1f %7.1f %7.1f %7.1f / %6.1f %7.1f / %6.1f %14.2f %14.2f%n", r.writers(),
                    r.rounds(), r.frames(), r.received(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.lastSocketMedianMs(),
                    r.lastSocketMaxMs(), r.writesDoneMedianMs(), r.writesDoneMaxMs(), r.serverCpuMicrosPerFrame(),
                    r.clientCpuMicrosPerFrame());
        }
        out.println("(latency: round start (stamped before the writers wake) -> a socket has the whole frame, over "
                + "all sockets and rounds; last socket and writes done (the server's last write returned): median / "
                + "worst round; µs/fr: each process's CPU time over the rounds, gaps included, per frame)");
    }

    /**
     * The client JVM: {@code Client <port> <connections> <readers> <frameBytes> <rounds>} (rounds are numbered from
     * 1, below {@code rounds}). Connects, prints
     * {@code connected <n>}, then reads on its selector threads and answers {@code clock <ns>}, {@code cpu},
     * {@code status <from> <to>} (frames completed in those rounds), {@code result <from> <to>}, {@code quit}.
     */
    public static final class Client {
        private final int frameBytes;
        /** Per connection: bytes of the current frame read so far, and its round and stamp as they are read. */
        private final int[] got;
        private final int[] round;
        private final long[] sentAt;
        private final AtomicLongArray completed;
        private final Histogram[] latency;
        private final long[] roundMax;

        private Client(int connections, int frameBytes, int rounds) {
            this.frameBytes = frameBytes;
            this.got = new int[connections];
            this.round = new int[connections];
            this.sentAt = new long[connections];
            this.completed = new AtomicLongArray(rounds);
            this.latency = new Histogram[rounds];
            this.roundMax = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                latency[r] = new Histogram(MAX_MICROS, 3);
            }
        }

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            int n = Integer.parseInt(args[1]);
            int readers = Integer.parseInt(args[2]);
            Client client = new Client(n, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            Selector[] selectors = new Selector[readers];
            for (int r = 0; r < readers; r++) {
                selectors[r] = Selector.open();
            }
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < n; i++) {
                SocketChannel socket = SocketChannel.open(server);
                socket.configureBlocking(false);
                socket.register(selectors[i % readers], SelectionKey.OP_READ, i);
            }
            for (int r = 0; r < readers; r++) {
                Selector selector = selectors[r];
                Thread reader = new Thread(() -> client.read(selector), "floor-reader-" + r);
                reader.setDaemon(true);
                reader.start();
            }
            System.out.println("connected " + n);
            client.answer(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            System.exit(0);
        }

        private void read(Selector selector) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (true) {
                    selector.select();
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel socket = (SocketChannel) key.channel();
                        int c = (Integer) key.attachment();
                        int read;
                        while ((read = socket.read(buffer.clear())) > 0) {
                            consume(c, buffer, read, System.nanoTime());
                        }
                        if (read < 0) {
                            key.cancel();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                System.err.println("floor client reader: " + e);
            }
        }

        /** Walks {@code length} bytes of connection {@code c}'s stream: digits where they are, a frame per frameBytes. */
        private void consume(int c, ByteBuffer bytes, int length, long now) {
            int at = 0;
            while (at < length) {
                int pos = got[c];
                int take = Math.min(length - at, frameBytes - pos);
                for (int i = Math.max(pos, ROUND_AT); i < Math.min(pos + take, ROUND_AT + ROUND_DIGITS); i++) {
                    round[c] = round[c] * 10 + (bytes.get(at + i - pos) - '0');
                }
                for (int i = Math.max(pos, SENT_AT); i < Math.min(pos + take, SENT_AT + SENT_DIGITS); i++) {
                    sentAt[c] = sentAt[c] * 10 + (bytes.get(at + i - pos) - '0');
                }
                got[c] += take;
                at += take;
                if (got[c] == frameBytes) {
                    record(round[c], Math.min(MAX_MICROS, Math.max(0, (now - sentAt[c]) / 1000)));
                    got[c] = 0;
                    round[c] = 0;
                    sentAt[c] = 0;
                }
            }
        }

        private void record(int r, long micros) {
            if (r > 0 && r < latency.length) {
                synchronized (latency[r]) { // the answering thread reads it
                    latency[r].recordValue(micros);
                    roundMax[r] = Math.max(roundMax[r], micros);
                }
                completed.incrementAndGet(r);
            }
        }

        private void answer(BufferedReader commands) throws IOException {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            String command;
            while ((command = commands.readLine()) != null && !command.equals("quit")) {
                String[] parts = command.split(" ");
                switch (parts[0]) {
                    case "clock" -> System.out.println("clock " + (System.nanoTime() - Long.parseLong(parts[1])));
                    case "cpu" -> System.out.println("cpu " + os.getProcessCpuTime());
                    case "status" -> {
                        long sum = 0;
                        for (int r = Integer.parseInt(parts[1]); r < Integer.parseInt(parts[2]); r++) {
                            sum += completed.get(r);
                        }
                        System.out.println("status " + sum);
                    }
                    case "result" -> {
                        Histogram all = new Histogram(MAX_MICROS, 3);
                        List<Long> maxes = new ArrayList<>();
                        for (int r = Integer.parseInt(parts[1]); r < Integer.parseInt(parts[2]); r++) {
                            synchronized (latency[r]) {
                                all.add(latency[r]);
                                maxes.add(roundMax[r]);
                            }
                        }
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("latency", ClientsProcess.encode(all));
                        json.put("roundMax", maxes);
                        System.out.println("result " + Json.MAPPER.writeValueAsString(json));
                    }
                    default -> System.out.println("unknown " + command);
                }
            }
        }
    }
}
