package dev.awardsticker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * {@link LoadClients} in a JVM of their own. Needed because a process may hold only RLIMIT_NOFILE sockets
 * (20,000 on the bench machine, and not raisable there): the broker's JVM cannot also hold 20,000 clients, so the
 * clients are spread over child JVMs of at most {@link #MAX_PER_PROCESS} each. Talks over stdin/stdout, one line
 * per command: {@code status <expected>}, {@code result}, {@code firsts} and {@code spread <seq:nanos,...>} (the two
 * steps of the fan-out spread, see {@link ClientGroup#spread}), {@code quit}.
 */
final class ClientsProcess implements AutoCloseable {
    static final int MAX_PER_PROCESS = 10_000;

    /** What a child reports at the end; histograms in ms. */
    record Report(int count, int connected, long maxSeq, int mostUpdates, int complete, long total, long firstMs, long lastMs,
                  long outOfOrder, long worstOfMedianClient, long worstOfWorstClient, Histogram latency,
                  Histogram winLatency, String trace) {}

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private ClientsProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the child; it connects and subscribes at once. Call {@link #awaitGreeted} next. */
    static ClientsProcess start(String name, int count, int loops, List<String> localHosts, String host, int port,
                                String ceremony, long catchUpSeq) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx2g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ClientsProcess.class.getName(), name, Integer.toString(count), Integer.toString(loops),
                String.join(",", localHosts), host, Integer.toString(port), ceremony, Long.toString(catchUpSeq));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ClientsProcess(builder.start());
    }

    /** Subscribed clients that got their first frame. */
    int awaitGreeted() throws IOException {
        return Integer.parseInt(expect("greeted"));
    }

    /** {total updates, highest seq, clients at seq {@code expected} or later, connected}. */
    long[] status(long expected) throws IOException {
        in.println("status " + expected);
        String[] parts = expect("status").split(" ");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseLong(parts[i]);
        }
        return values;
    }

    Report report(long expected) throws IOException {
        in.println("result " + expected);
        JsonNode json = Json.MAPPER.readTree(expect("result"));
        return new Report(json.get("count").asInt(), json.get("connected").asInt(), json.get("maxSeq").asLong(),
                json.get("mostUpdates").asInt(), json.get("complete").asInt(), json.get("total").asLong(), json.get("firstMs").asLong(),
                json.get("lastMs").asLong(), json.get("outOfOrder").asLong(), json.get("worstOfMedianClient").asLong(),
                json.get("worstOfWorstClient").asLong(), decode(json.get("latency").asText()),
                decode(json.get("winLatency").asText()), json.path("trace").asText(null));
    }

    /** seq -> the earliest arrival (nanoTime) of that update among this JVM's clients. */
    Map<Long, Long> firstArrivals() throws IOException {
        in.println("firsts");
        return parseArrivals(expect("firsts"));
    }

    /** This JVM's clients' arrivals minus the earliest of each update among all clients, in µs. */
    Histogram spread(Map<Long, Long> firstBySeq) throws IOException {
        in.println("spread " + formatArrivals(firstBySeq));
        return decode(expect("spread"));
    }

    private String expect(String key) throws IOException {
        return ChildProcesses.expect(out, key, "clients", process);
    }

    /** {@code seq:nanos,seq:nanos}, or {@code -} for none (a line must not end in the key). */
    private static String formatArrivals(Map<Long, Long> arrivals) {
        StringBuilder text = new StringBuilder();
        arrivals.forEach((seq, nanos) -> text.append(text.length() == 0 ? "" : ",").append(seq).append(':').append(nanos));
        return text.length() == 0 ? "-" : text.toString();
    }

    private static Map<Long, Long> parseArrivals(String text) {
        Map<Long, Long> arrivals = new HashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(",")) {
                int colon = pair.indexOf(':');
                arrivals.put(Long.parseLong(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            }
        }
        return arrivals;
    }

    @Override
    public void close() {
        in.println("quit");
        ChildProcesses.stop(process, 10);
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad histogram from a clients JVM", e);
        }
    }

    /** The child: {@code ClientsProcess name count loops local1,local2 host port ceremony catchUpSeq}. */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        List<String> locals = new ArrayList<>(List.of(args[3].split(",")));
        try (LoadClients clients = new LoadClients(args[0], count, Integer.parseInt(args[2]), locals)) {
            clients.catchUpUpTo(Long.parseLong(args[7]));
            int greeted = clients.connect(args[4], Integer.parseInt(args[5]), args[6], 60_000 + count * 10L);
            System.out.println("greeted " + greeted);
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null && !command.equals("quit")) {
                String[] parts = command.split(" ");
                if (parts[0].equals("firsts")) {
                    System.out.println("firsts " + formatArrivals(clients.firstArrivals()));
                    continue;
                }
                if (parts[0].equals("spread")) {
                    System.out.println("spread " + encode(clients.spread(parseArrivals(parts[1]))));
                    continue;
                }
                long expected = parts.length > 1 ? Long.parseLong(parts[1]) : clients.maxSeq();
                if (parts[0].equals("status")) {
                    System.out.println("status " + clients.totalUpdates() + " " + clients.maxSeq() + " "
                            + clients.clientsAt(expected) + " " + clients.connected());
                } else if (parts[0].equals("result")) {
                    long[] worst = clients.worstPerClient();
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("count", count);
                    json.put("connected", clients.connected());
                    json.put("maxSeq", clients.maxSeq());
                    json.put("complete", clients.clientsAt(expected));
                    json.put("mostUpdates", clients.mostUpdates());
                    json.put("total", clients.totalUpdates());
                    json.put("firstMs", clients.firstReceiveMs());
                    json.put("lastMs", clients.lastReceiveMs());
                    json.put("outOfOrder", clients.outOfOrder());
                    json.put("worstOfMedianClient", worst[0]);
                    json.put("worstOfWorstClient", worst[1]);
                    json.put("latency", encode(clients.latency()));
                    json.put("winLatency", encode(clients.winLatency()));
                    json.put("trace", clients.trace());
                    System.out.println("result " + Json.MAPPER.writeValueAsString(json));
                }
            }
        }
        System.exit(0);
    }
}
