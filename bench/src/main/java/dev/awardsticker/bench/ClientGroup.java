package dev.awardsticker.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The clients of one gateway, spread over as many {@link ClientsProcess} JVMs as the socket limit needs. */
final class ClientGroup implements AutoCloseable {
    private final String name;
    private final int count;
    private final List<ClientsProcess> processes = new ArrayList<>();
    private int greeted;

    /**
     * @param firstLocal the first loopback address (127.0.0.firstLocal) this group's connections come from; each
     *                   process uses two, each with its own range of ephemeral ports
     */
    ClientGroup(String name, int count, int loops, int firstLocal, int port, String ceremony, long catchUpSeq)
            throws IOException {
        this.name = name;
        this.count = count;
        int children = Math.max(1, (count + ClientsProcess.MAX_PER_PROCESS - 1) / ClientsProcess.MAX_PER_PROCESS);
        for (int i = 0; i < children; i++) {
            int share = count / children + (i < count % children ? 1 : 0);
            int local = firstLocal + 2 * i;
            processes.add(ClientsProcess.start(name, share, loops,
                    List.of("127.0.0." + local, "127.0.0." + (local + 1)), "127.0.0.1", port, ceremony, catchUpSeq));
        }
        for (ClientsProcess process : processes) {
            greeted += process.awaitGreeted();
        }
    }

    String name() {
        return name;
    }

    int count() {
        return count;
    }

    int greeted() {
        return greeted;
    }

    /** {total updates, highest seq, clients at seq {@code expected} or later, connected}, summed (max for seq). */
    long[] status(long expected) throws IOException {
        long[] sum = new long[4];
        for (ClientsProcess process : processes) {
            long[] s = process.status(expected);
            sum[0] += s[0];
            sum[1] = Math.max(sum[1], s[1]);
            sum[2] += s[2];
            sum[3] += s[3];
        }
        return sum;
    }

    ClientsProcess.Report report(long expected) throws IOException {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Histogram wins = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        int connected = 0;
        int complete = 0;
        long maxSeq = 0;
        int mostUpdates = 0;
        long total = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        long outOfOrder = 0;
        long worstMedian = 0;
        long worstMax = 0;
        String trace = null;
        for (ClientsProcess process : processes) {
            ClientsProcess.Report r = process.report(expected);
            latency.add(r.latency());
            wins.add(r.winLatency());
            connected += r.connected();
            complete += r.complete();
            maxSeq = Math.max(maxSeq, r.maxSeq());
            mostUpdates = Math.max(mostUpdates, r.mostUpdates());
            total += r.total();
            first = Math.min(first, r.firstMs());
            last = Math.max(last, r.lastMs());
            outOfOrder += r.outOfOrder();
            worstMedian = Math.max(worstMedian, r.worstOfMedianClient());
            worstMax = Math.max(worstMax, r.worstOfWorstClient());
            trace = trace == null ? r.trace() : trace;
        }
        return new ClientsProcess.Report(count, connected, maxSeq, mostUpdates, complete, total, first, last, outOfOrder,
                worstMedian, worstMax, latency, wins, trace);
    }

    /**
     * The fan-out spread of this gateway's clients, in µs: each client's arrival of each update minus the earliest
     * arrival of that update among all of them. Two steps, as the clients are in several JVMs: the earliest per
     * update from each, then each JVM's arrivals against the overall earliest.
     */
    Histogram spread() throws IOException {
        Map<Long, Long> first = new HashMap<>();
        for (ClientsProcess process : processes) {
            process.firstArrivals().forEach((seq, nanos) -> first.merge(seq, nanos, Math::min));
        }
        Histogram spread = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (ClientsProcess process : processes) {
            spread.add(process.spread(first));
        }
        return spread;
    }

    @Override
    public void close() {
        processes.forEach(ClientsProcess::close);
    }
}
