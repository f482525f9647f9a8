package dev.awardsticker.contract.history;

import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only views of a folded {@link HistoryLedger}, as ingest ({@code /history/...}) and the gateway
 * ({@code /api/history/...}) both serve them: one place, so the two answer alike.
 */
public final class HistoryViews {
    /** At most this many subjects per name search: a short name matches thousands. */
    public static final int FIND_LIMIT = 50;

    /** A record now, and every value it took before, oldest first. */
    public record RecordView(String record, int value, List<RecordHolder> holders, List<RecordReference> timeline) {}

    /** A subject's all-time standing, and each record it holds now or held at some point. */
    public record SubjectView(HistoryLedger.Career career, List<String> holds, List<String> held) {}

    private HistoryViews() {}

    /** Every record the ledger has, in {@link HistoryLedger#RECORDS} order, with its holders over time. */
    public static List<RecordView> records(HistoryLedger ledger) {
        List<RecordView> views = new ArrayList<>();
        ledger.records().forEach((name, now) -> views.add(new RecordView(name, now.value(), now.holders(),
                ledger.timeline(name))));
        return views;
    }

    /** One record with its holders over time; empty when it was never set in this award's history. */
    public static Optional<RecordView> record(HistoryLedger ledger, String record) {
        return records(ledger).stream().filter(v -> v.record().equals(record)).findFirst();
    }

    /** Subjects whose name contains {@code text} (case ignored), most nominations first, at most {@link #FIND_LIMIT}. */
    public static List<HistoryLedger.Career> find(HistoryLedger ledger, String text) {
        return ledger.find(text.strip()).stream().limit(FIND_LIMIT).toList();
    }

    /** A film's, person's or company's standing; empty when the history has no subject of that id. */
    public static Optional<SubjectView> subject(HistoryLedger ledger, String id) {
        return ledger.career(id).map(career -> {
            List<String> holds = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (String record : HistoryLedger.RECORDS) {
                if (ledger.records().containsKey(record) && holds(ledger.records().get(record), id)) {
                    holds.add(record);
                } else if (ledger.timeline(record).stream().anyMatch(r -> holds(r, id))) {
                    held.add(record);
                }
            }
            return new SubjectView(career, holds, held);
        });
    }

    private static boolean holds(RecordReference record, String id) {
        return record.holders().stream().anyMatch(h -> id.equals(h.id()));
    }
}
