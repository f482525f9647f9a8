package dev.awardsticker.launcher;

import java.util.Collection;
import java.util.List;

/** Percentiles (nearest rank) of a replay's latencies in milliseconds, as one printable line. */
public record LatencyStats(long count, long p50, long p99, long max) {

    public static LatencyStats of(Collection<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return new LatencyStats(0, 0, 0, 0);
        }
        return new LatencyStats(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percentile) {
        return sorted.get((int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    }

    @Override
    public String toString() {
        return count == 0 ? "no samples" : String.format("p50 %d ms, p99 %d ms, max %d ms over %d", p50, p99, max, count);
    }
}
