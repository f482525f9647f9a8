package dev.awardsticker.launcher;

import org.HdrHistogram.Histogram;

import java.util.Collection;

/** Percentiles of a set of latencies in milliseconds, as one printable line. */
public record LatencyStats(long count, double p50, double p99, double max) {

    public static LatencyStats of(Collection<Long> millis) {
        Histogram histogram = new Histogram(60_000L, 3);
        millis.forEach(m -> histogram.recordValue(Math.max(0, Math.min(m, 60_000L))));
        return new LatencyStats(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    @Override
    public String toString() {
        return count == 0 ? "no samples"
                : String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d", p50, p99, max, count);
    }
}
