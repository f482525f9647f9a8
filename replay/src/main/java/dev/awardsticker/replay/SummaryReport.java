package dev.awardsticker.replay;

import dev.awardsticker.ingest.replay.ReplaySummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines printed after a replay: what became of the definition, counts of the wins and corrections by verdict,
 * time taken and how long ingest took to answer.
 */
final class SummaryReport {
    private SummaryReport() {}

    static List<String> lines(ReplaySummary summary) {
        List<String> lines = new ArrayList<>();
        if (summary.definition() != null) {
            lines.add(definition(summary.definition()));
        }
        lines.add(String.format(Locale.ROOT, "posted %d: accepted %d, duplicates %d, rejected %d, pending %d;"
                        + " corrections %d; failures %d",
                summary.posted().size(), summary.withVerdict("ACCEPTED"), summary.withVerdict("DUPLICATE"),
                summary.withVerdict("REJECTED"), summary.withVerdict("PENDING"), summary.corrections(),
                summary.failures().size()));
        lines.add(String.format(Locale.ROOT, "elapsed %.1f s; submit latency p50 %s, p99 %s",
                summary.elapsedMs() / 1000.0, percentile(summary.submitLatenciesMs(), 50),
                percentile(summary.submitLatenciesMs(), 99)));
        summary.failures().forEach(f -> lines.add("FAILED " + f.what() + ": "
                + (f.status() == 0 ? "no answer" : "HTTP " + f.status()) + " " + f.error()));
        return lines;
    }

    /** A definition has a verdict of its own: a replay of a ceremony the ticker holds already changes nothing. */
    static String definition(ReplaySummary.Defined defined) {
        String what = "definition " + defined.ceremony() + ": ";
        if (!defined.ok()) {
            return what + "not taken (" + (defined.status() == 0 ? "no answer" : "HTTP " + defined.status()) + ")";
        }
        if (defined.verdict() == null) {
            return what + "HTTP " + defined.status();
        }
        return what + switch (defined.verdict()) {
            case "ACCEPTED" -> "accepted" + (defined.firstSeq() == null ? "" : ", update seq " + defined.firstSeq());
            case "DUPLICATE" -> "unchanged (the ticker already held this very definition; nothing published)";
            case "PENDING" -> "pending (stored in Kafka, not yet taken up by the ticker)";
            default -> defined.verdict().toLowerCase(Locale.ROOT);
        };
    }

    /** Nearest-rank percentile in ms, or "-" without samples. */
    static String percentile(List<Long> samples, int p) {
        if (samples.isEmpty()) {
            return "-";
        }
        List<Long> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) + " ms";
    }
}
