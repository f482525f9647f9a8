package dev.awardsticker.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N WebSocket clients in this JVM on a few Vert.x event loops (never a thread per client), each subscribed to one
 * ceremony. Every {@code update} frame (one update: one editor event with all of its consequences in {@code changes},
 * so one frame per win and one for a definition) is timed as receive time minus the {@code ingestedAt} it carries, into a
 * histogram of the event loop the client lives on (a histogram per client would cost more memory than the
 * clients); per client we keep how many updates arrived, the last seq and the worst latency, so a client that
 * missed updates or lagged shows up. Each client's arrival time of each update (System.nanoTime: CLOCK_MONOTONIC on
 * Linux, one clock for every process of the machine) is kept too, for the fan-out spread across all the clients of
 * a gateway, whatever JVM they are in ({@link #firstArrivals}, {@link #spread}). Frames are scanned for two numbers, never parsed as JSON: the load generator
 * shares the two cores with the gateway it measures, so it must stay cheap.
 */
final class LoadClients implements AutoCloseable {
    private static final byte[] UPDATE_PREFIX = "{\"type\":\"update\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WINNER = "\"WinnerDeclared\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INGESTED_AT = "\"ingestedAt\":".getBytes(StandardCharsets.US_ASCII);
    /** Updates (after the catch-up) whose arrival is kept per client for the spread: 8 bytes per client each. */
    static final int SPREAD_SEQS = 1_000;
    /** Connections opened at once; more only makes the gateway's accept queue overflow. */
    private static final int CONNECT_WINDOW = 500;

    private final Vertx vertx;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Histogram> histograms = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Histogram> loopHistogram = ThreadLocal.withInitial(() -> {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        histograms.add(h);
        return h;
    });
    /** Client 0's "seq:latency" pairs when BENCH_TRACE=true: where in the replay time goes. */
    private final StringBuilder trace = Boolean.getBoolean("bench.trace")
            || Boolean.parseBoolean(System.getenv("BENCH_TRACE")) ? new StringBuilder() : null;
    /** Latency of the frames whose changes declare a winner (a win's or a correction's): what an editor's submit is about. */
    private final List<Histogram> winHistograms = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Histogram> loopWinHistogram = ThreadLocal.withInitial(() -> {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        winHistograms.add(h);
        return h;
    });
    private final String name;
    private final int count;
    /** Updates up to this seq were published before the clients connected: catch-up, not measured. */
    private volatile long catchUpSeq;
    private final int[] updates;
    private final long[] lastSeq;
    private final long[] worstMs;
    private final int[] outOfOrder;
    private final boolean[] greeted;
    /** [update - catchUpSeq - 1][client]: System.nanoTime() of its arrival, 0 if it did not arrive; rows made lazily. */
    private final long[][] arrivals = new long[SPREAD_SEQS][];
    private final AtomicLong firstReceiveMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReceiveMs = new AtomicLong();

    /**
     * @param loops      event loops for all clients
     * @param localHosts loopback source addresses to spread connections over (each has its own ephemeral ports)
     */
    LoadClients(String name, int count, int loops, List<String> localHosts) {
        this.name = name;
        this.count = count;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        for (String local : localHosts) {
            // The default caps connections per server: a load generator needs them all open at once.
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count)
                    .setLocalAddress(local).setTcpNoDelay(true).setConnectTimeout(60_000)));
        }
        this.updates = new int[count];
        this.lastSeq = new long[count];
        this.worstMs = new long[count];
        this.outOfOrder = new int[count];
        this.greeted = new boolean[count];
    }

    /** Updates up to {@code seq} are history a gateway may send on subscribe: they are not counted or timed. */
    void catchUpUpTo(long seq) {
        catchUpSeq = seq;
    }

    /** Opens every connection, subscribes it, and waits until each has its first answer (the snapshot). */
    int connect(String host, int port, String ceremony, long timeoutMs) throws Exception {
        String subscribe = "{\"op\":\"subscribe\",\"ceremony\":\"" + ceremony + "\"}";
        List<Future<?>> window = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (int i = 0; i < count; i++) {
            int index = i;
            WebSocketClient client = clients.get(i % clients.size());
            window.add(client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws"))
                    .compose(ws -> {
                        sockets.add(ws);
                        ws.handler(data -> onMessage(index, data));
                        return ws.writeTextMessage(subscribe);
                    }));
            if (window.size() == CONNECT_WINDOW) {
                settle(window, deadline);
            }
        }
        settle(window, deadline);
        while (greetedCount() < sockets.size() && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return greetedCount();
    }

    /** Waits for a window of connects; a failed one is counted later (connected() < count), not thrown. */
    private static void settle(List<Future<?>> window, long deadline) {
        try {
            Future.join(window).otherwiseEmpty().await(Math.max(1, deadline - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // timed out: what did not connect is reported in the results
        }
        window.clear();
    }

    private void onMessage(int index, Buffer data) {
        long nanos = System.nanoTime();
        long now = System.currentTimeMillis();
        if (!startsWith(data, UPDATE_PREFIX)) {
            greeted[index] = true; // snapshot (or the peer's first frame)
            return;
        }
        long seq = number(data, SEQ);
        if (seq <= catchUpSeq) {
            greeted[index] = true; // history sent on subscribe (the Node peer does that): not the live replay
            return;
        }
        long slot = seq - catchUpSeq - 1;
        if (slot < SPREAD_SEQS) {
            arrivals((int) slot)[index] = nanos;
        }
        long ingestedAt = number(data, INGESTED_AT);
        long latency = Math.max(0, now - ingestedAt);
        loopHistogram.get().recordValue(Math.min(latency, TimeUnit.MINUTES.toMillis(10)));
        if (indexOf(data, WINNER) >= 0) {
            loopWinHistogram.get().recordValue(Math.min(latency, TimeUnit.MINUTES.toMillis(10)));
        }
        if (lastSeq[index] != 0 && seq != lastSeq[index] + 1) { // the first follows the snapshot: any seq
            outOfOrder[index]++;
        }
        lastSeq[index] = seq;
        updates[index]++;
        if (index == 0 && trace != null) {
            trace.append(seq).append(':').append(latency).append(' ');
        }
        worstMs[index] = Math.max(worstMs[index], latency);
        firstReceiveMs.accumulateAndGet(now, Math::min);
        lastReceiveMs.accumulateAndGet(now, Math::max);
    }

    /** The row of one update; its two event loops write different clients' cells of it. */
    private long[] arrivals(int slot) {
        long[] row = arrivals[slot];
        if (row == null) {
            synchronized (arrivals) {
                row = arrivals[slot];
                if (row == null) {
                    row = new long[count];
                    arrivals[slot] = row;
                }
            }
        }
        return row;
    }

    /** seq -> the earliest arrival (nanoTime) of that update among these clients. */
    Map<Long, Long> firstArrivals() {
        Map<Long, Long> first = new HashMap<>();
        for (int slot = 0; slot < SPREAD_SEQS; slot++) {
            long[] row = arrivals[slot];
            if (row != null) {
                long min = Long.MAX_VALUE;
                for (long t : row) {
                    min = t != 0 ? Math.min(min, t) : min;
                }
                if (min != Long.MAX_VALUE) {
                    first.put(catchUpSeq + 1 + slot, min);
                }
            }
        }
        return first;
    }

    /**
     * Each arrival minus {@code firstBySeq} of its update (the earliest among all the gateway's clients, these and
     * those in other JVMs), in µs: how far apart the gateway's fan-out put the clients, without the pipeline's latency.
     */
    Histogram spread(Map<Long, Long> firstBySeq) {
        Histogram spread = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        firstBySeq.forEach((seq, first) -> {
            long slot = seq - catchUpSeq - 1;
            long[] row = slot >= 0 && slot < SPREAD_SEQS ? arrivals[(int) slot] : null;
            if (row != null) {
                for (long t : row) {
                    if (t != 0) {
                        spread.recordValue(Math.min(Math.max(0, (t - first) / 1000), TimeUnit.MINUTES.toMicros(10)));
                    }
                }
            }
        });
        return spread;
    }

    private static boolean startsWith(Buffer data, byte[] prefix) {
        if (data.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(Buffer data, byte[] key) {
        int end = data.length() - key.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (data.getByte(i + k) != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The digits after the first occurrence of {@code key}, or -1. */
    private static long number(Buffer data, byte[] key) {
        int i = indexOf(data, key);
        if (i >= 0) {
            long value = 0;
            for (int j = i + key.length; j < data.length(); j++) {
                byte b = data.getByte(j);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
            }
            return value;
        }
        return -1;
    }

    /** Reads on the clients' event loops are racy by design: call it while waiting, then once when quiet. */
    long totalUpdates() {
        long total = 0;
        for (int u : updates) {
            total += u;
        }
        return total;
    }

    /** Clients whose last update has seq {@code finalSeq} (or later): they have seen the whole replay. */
    int clientsAt(long finalSeq) {
        int n = 0;
        for (long s : lastSeq) {
            if (s >= finalSeq) {
                n++;
            }
        }
        return n;
    }

    /** The most updates any one client received. */
    int mostUpdates() {
        int most = 0;
        for (int u : updates) {
            most = Math.max(most, u);
        }
        return most;
    }

    long maxSeq() {
        long max = 0;
        for (long s : lastSeq) {
            max = Math.max(max, s);
        }
        return max;
    }

    int greetedCount() {
        int n = 0;
        for (boolean g : greeted) {
            if (g) {
                n++;
            }
        }
        return n;
    }

    int connected() {
        return sockets.size();
    }

    long outOfOrder() {
        long n = 0;
        for (int o : outOfOrder) {
            n += o;
        }
        return n;
    }

    /** The worst latency seen by the median client and by the worst client. */
    long[] worstPerClient() {
        long[] sorted = worstMs.clone();
        java.util.Arrays.sort(sorted);
        return new long[] {sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }

    Histogram latency() {
        return merged(histograms);
    }

    Histogram winLatency() {
        return merged(winHistograms);
    }

    private static Histogram merged(List<Histogram> histograms) {
        Histogram all = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        return all;
    }

    long firstReceiveMs() {
        return firstReceiveMs.get();
    }

    long lastReceiveMs() {
        return lastReceiveMs.get();
    }

    String trace() {
        return trace == null ? null : trace.toString();
    }

    String name() {
        return name;
    }

    int count() {
        return count;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
