package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.record.RecordReference;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the live app must remember about one ceremony; tallies and the standing are not stored but derived
 * from the definition and the winners, so a correction only has to change the winners.
 *
 * @param epoch     timestamp of the first definition record: one history of this ceremony
 * @param lastSeq   last sequence number handed out; the next update gets lastSeq + 1
 * @param winners   category name -> winners in the order they were announced (more than one only for ties)
 * @param alerts    alerts that stand now (id -> headline): none is raised twice, and a correction can
 *                  withdraw exactly those that no longer hold
 * @param baselines reference records as they stood when this ceremony first consulted them, so the
 *                  ceremony is compared with the record before it, not with the record it just set
 * @param published reference records as this ceremony last published them ({@code RecordUpdated}): the next
 *                  change is judged against these, not against {@code award-records}, which the derived app
 *                  updates later (a correction right after a record must still restore it)
 * @param history   the award's history before this ceremony, as its definition command carried it (null: none)
 */
public record CeremonyState(CeremonyDefinition definition, long epoch, long lastSeq,
                            Map<String, List<Winner>> winners, Map<String, String> alerts,
                            Map<String, RecordReference> baselines, Map<String, RecordReference> published,
                            HistoryBefore history) {
    public CeremonyState {
        // Sorted copies: iteration order decides the order of emitted changes, so it must not vary by JVM.
        winners = sorted(winners);
        alerts = sorted(alerts);
        baselines = sorted(baselines);
        published = sorted(published);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    public static CeremonyState start(CeremonyDefinition definition, long epoch) {
        return new CeremonyState(definition, epoch, 0, Map.of(), Map.of(), Map.of(), Map.of(), null);
    }

    public List<Winner> winnersOf(String category) {
        return winners.getOrDefault(category, List.of());
    }

    public int decided() {
        return (int) definition.categories().stream().filter(c -> !winnersOf(c.name()).isEmpty()).count();
    }

    public int total() {
        return definition.categories().size();
    }

    public CeremonyState withDefinition(CeremonyDefinition newDefinition) {
        return new CeremonyState(newDefinition, epoch, lastSeq, winners, alerts, baselines, published, history);
    }

    public CeremonyState withWinners(Map<String, List<Winner>> newWinners) {
        return new CeremonyState(definition, epoch, lastSeq, newWinners, alerts, baselines, published, history);
    }

    public CeremonyState withHistory(HistoryBefore newHistory) {
        return new CeremonyState(definition, epoch, lastSeq, winners, alerts, baselines, published, newHistory);
    }

    public CeremonyState withLastSeq(long newLastSeq) {
        return new CeremonyState(definition, epoch, newLastSeq, winners, alerts, baselines, published, history);
    }

    public CeremonyState withAlerts(Map<String, String> newAlerts) {
        return new CeremonyState(definition, epoch, lastSeq, winners, newAlerts, baselines, published, history);
    }

    public CeremonyState withBaselines(Map<String, RecordReference> newBaselines) {
        return new CeremonyState(definition, epoch, lastSeq, winners, alerts, newBaselines, published, history);
    }

    public CeremonyState withPublished(Map<String, RecordReference> newPublished) {
        return new CeremonyState(definition, epoch, lastSeq, winners, alerts, baselines, newPublished, history);
    }
}
