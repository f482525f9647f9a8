package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.record.RecordReference;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the Streams app must remember about one ceremony; tallies are not stored but derived from the
 * definition and the winners, so a correction only has to change the winners.
 *
 * @param epoch     timestamp of the first definition record: one history of this ceremony
 * @param lastSeq   last sequence number handed out; the next update gets lastSeq + 1
 * @param winners   category name -> winners in the order they were announced (more than one only for ties)
 * @param alertIds  alerts already raised, so none is raised twice
 * @param baselines reference records as they stood when this ceremony first consulted them, so the
 *                  ceremony is compared with the record before it, not with the record it just set
 */
public record CeremonyState(CeremonyDefinition definition, long epoch, long lastSeq,
                            Map<String, List<Winner>> winners, Set<String> alertIds,
                            Map<String, RecordReference> baselines) {
    public CeremonyState {
        // Sorted copies: iteration order decides the order of emitted updates, so it must not vary by JVM.
        winners = winners == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(winners));
        alertIds = alertIds == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(alertIds));
        baselines = baselines == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(baselines));
    }

    public static CeremonyState start(CeremonyDefinition definition, long epoch) {
        return new CeremonyState(definition, epoch, 0, Map.of(), Set.of(), Map.of());
    }

    public List<Winner> winnersOf(String category) {
        return winners.getOrDefault(category, List.of());
    }

    public int decided() {
        return (int) definition.categories().stream().filter(c -> !winnersOf(c.name()).isEmpty()).count();
    }

    public CeremonyState withDefinition(CeremonyDefinition newDefinition) {
        return new CeremonyState(newDefinition, epoch, lastSeq, winners, alertIds, baselines);
    }

    public CeremonyState withWinners(Map<String, List<Winner>> newWinners) {
        return new CeremonyState(definition, epoch, lastSeq, newWinners, alertIds, baselines);
    }

    public CeremonyState withLastSeq(long newLastSeq) {
        return new CeremonyState(definition, epoch, newLastSeq, winners, alertIds, baselines);
    }

    public CeremonyState withAlerts(Set<String> newAlertIds) {
        return new CeremonyState(definition, epoch, lastSeq, winners, newAlertIds, baselines);
    }

    public CeremonyState withBaselines(Map<String, RecordReference> newBaselines) {
        return new CeremonyState(definition, epoch, lastSeq, winners, alertIds, newBaselines);
    }
}
