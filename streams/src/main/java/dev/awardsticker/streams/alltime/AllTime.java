package dev.awardsticker.streams.alltime;

import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.CeremonyTally;
import dev.awardsticker.contract.update.TallyUpdated.Subject;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * All-time totals as pure functions. Per subject we keep each ceremony's latest absolute tally, never a running
 * sum: a value delivered again (a replay after a crash, a re-posted definition) overwrites itself, and a correction
 * at one ceremony replaces that ceremony's number, so the sum is exact whatever the history of deliveries.
 */
public final class AllTime {
    private AllTime() {}

    public record Counts(int wins, int nominations) {}

    /** What the state store keeps for one subject ({@code award|kind|name}): ceremony id -> its current tally. */
    public record PerCeremony(String award, Subject subject, String name, Map<String, Counts> ceremonies) {
        public PerCeremony {
            ceremonies = ceremonies == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(ceremonies));
        }
    }

    /** The subject's ceremonies once {@code tally} is taken in; a ceremony at 0 of 0 no longer counts at all. */
    public static PerCeremony apply(PerCeremony current, CeremonyTally tally) {
        Map<String, Counts> ceremonies = new TreeMap<>(current == null ? Map.of() : current.ceremonies());
        if (tally.wins() == 0 && tally.nominations() == 0) {
            // A definition fix took this subject out of that ceremony.
            ceremonies.remove(tally.ceremony());
        } else {
            ceremonies.put(tally.ceremony(), new Counts(tally.wins(), tally.nominations()));
        }
        return new PerCeremony(tally.award(), tally.subject(), tally.name(), ceremonies);
    }

    public static AllTimeTally totals(PerCeremony entry) {
        int wins = entry.ceremonies().values().stream().mapToInt(Counts::wins).sum();
        int nominations = entry.ceremonies().values().stream().mapToInt(Counts::nominations).sum();
        return new AllTimeTally(entry.award(), entry.subject(), entry.name(), wins, nominations,
                entry.ceremonies().size());
    }
}
