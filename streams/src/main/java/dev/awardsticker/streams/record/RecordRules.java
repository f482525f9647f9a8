package dev.awardsticker.streams.record;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordAlert.Kind;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.tally.Tally;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which record alerts a win raises. Conservative by design: no reference data, no alert; an equal
 * age in whole years is not "younger". A newsroom would rather miss a banner than print a wrong one.
 */
public final class RecordRules {
    private RecordRules() {}

    /** Perfect nights need at least this many nominations: 1 of 1 is not news. */
    static final int PERFECT_NIGHT_MIN_NOMINATIONS = 3;

    /**
     * @param alerts     new alerts, in the order they should be published
     * @param baselines  reference records consulted for the first time (to be kept as this ceremony's baseline)
     * @param newRecords reference records this ceremony changed (to be written back for future ceremonies)
     */
    public record Findings(List<RecordAlert> alerts, Map<String, RecordReference> baselines,
                           List<RecordReference> newRecords) {}

    /**
     * @param baselines   this ceremony's baselines so far
     * @param liveRecords the current reference records (the award-records topic), by key
     */
    public static Findings afterWin(CeremonyDefinition definition, String category, Nominee nominee,
                                    Map<String, Tally> tallies, Set<String> raised,
                                    Map<String, RecordReference> baselines,
                                    Function<String, RecordReference> liveRecords) {
        Map<String, RecordReference> consulted = new LinkedHashMap<>();
        Function<String, RecordReference> baseline = record -> {
            String key = RecordReference.key(definition.award(), record);
            if (baselines.containsKey(key)) {
                return baselines.get(key);
            }
            RecordReference live = liveRecords.apply(key);
            if (live != null) {
                consulted.put(key, live);
            }
            return live;
        };
        List<RecordAlert> alerts = new ArrayList<>();
        List<RecordReference> newRecords = new ArrayList<>();
        String work = nominee.work();
        if (work != null && !work.isBlank()) {
            mostWins(definition, work, tallies, raised, baseline.apply(RecordReference.MOST_WINS), alerts, newRecords);
            perfectNight(definition, work, tallies, raised, alerts);
        }
        for (Person person : nominee.people()) {
            if (person.birthDate() != null && definition.date() != null) {
                int age = Period.between(person.birthDate(), definition.date()).getYears();
                age(definition, category, person.name(), age, true, raised,
                        baseline.apply(RecordReference.youngestWinner(category)), alerts, newRecords);
                age(definition, category, person.name(), age, false, raised,
                        baseline.apply(RecordReference.oldestWinner(category)), alerts, newRecords);
            }
        }
        newRecords.removeIf(r -> r.equals(liveRecords.apply(r.key())));
        return new Findings(alerts, consulted, newRecords);
    }

    private static void mostWins(CeremonyDefinition definition, String work, Map<String, Tally> tallies,
                                 Set<String> raised, RecordReference reference,
                                 List<RecordAlert> alerts, List<RecordReference> newRecords) {
        if (reference == null) {
            return;
        }
        int wins = tallies.get(Subject.WORK + "|" + work).wins();
        String tiedId = alertId(definition, "most-wins-tied", work);
        String brokenId = alertId(definition, "most-wins-broken", work);
        String previous = reference.value() + " (" + holders(reference) + ")";
        if (wins == reference.value() && !raised.contains(tiedId) && !raised.contains(brokenId)) {
            alerts.add(alert(tiedId, Kind.RECORD_TIED, "RECORD TIED: " + work + " has " + wins + " wins at the "
                    + definition.title() + ", equalling the record for one work: " + previous, work, null, wins,
                    reference));
        } else if (wins > reference.value() && !raised.contains(brokenId)) {
            alerts.add(alert(brokenId, Kind.RECORD_BROKEN, "RECORD BROKEN: " + work + " wins " + wins + " at the "
                    + definition.title() + ", the most ever for one work. Previous record: " + previous, work, null,
                    wins, reference));
        }
        int best = tallies.values().stream().filter(t -> t.subject() == Subject.WORK)
                .mapToInt(Tally::wins).max().orElse(0);
        if (best < reference.value()) {
            return;
        }
        List<RecordHolder> leaders = tallies.values().stream()
                .filter(t -> t.subject() == Subject.WORK && t.wins() == best)
                .map(t -> holder(definition, t.name())).toList();
        List<RecordHolder> holders = new ArrayList<>(best == reference.value() ? reference.holders() : List.of());
        leaders.stream().filter(h -> holders.stream().noneMatch(x -> x.name().equals(h.name()))).forEach(holders::add);
        newRecords.add(new RecordReference(reference.award(), reference.record(), best, holders,
                "Set live at the " + definition.title()));
    }

    private static void perfectNight(CeremonyDefinition definition, String work, Map<String, Tally> tallies,
                                     Set<String> raised, List<RecordAlert> alerts) {
        Tally tally = tallies.get(Subject.WORK + "|" + work);
        String id = alertId(definition, "perfect-night", work);
        if (tally.nominations() >= PERFECT_NIGHT_MIN_NOMINATIONS && tally.wins() == tally.nominations()
                && !raised.contains(id)) {
            alerts.add(new RecordAlert(id, Kind.PERFECT_NIGHT, "PERFECT NIGHT: " + work + " wins all "
                    + tally.nominations() + " of its " + tally.nominations() + " nominations at the "
                    + definition.title(), work, null, tally.wins(), null, null, List.of(), null));
        }
    }

    private static void age(CeremonyDefinition definition, String category, String person, int age, boolean youngest,
                            Set<String> raised, RecordReference reference,
                            List<RecordAlert> alerts, List<RecordReference> newRecords) {
        if (reference == null || (youngest ? age >= reference.value() : age <= reference.value())) {
            return;
        }
        String id = alertId(definition, youngest ? "youngest-winner" : "oldest-winner", category + ":" + person);
        if (!raised.contains(id)) {
            String word = youngest ? "youngest" : "oldest";
            alerts.add(alert(id, youngest ? Kind.YOUNGEST_WINNER : Kind.OLDEST_WINNER,
                    (youngest ? "YOUNGEST EVER: " : "OLDEST EVER: ") + person + ", " + age + ", is the " + word + " "
                            + category + " winner in " + awardName(definition) + " history. Previous: "
                            + holders(reference) + " at " + reference.value(),
                    person, category, age, reference));
        }
        newRecords.add(new RecordReference(reference.award(), reference.record(), age,
                List.of(holder(definition, person)), "Set live at the " + definition.title()));
    }

    private static RecordAlert alert(String id, Kind kind, String headline, String subject, String category, int value,
                                     RecordReference reference) {
        return new RecordAlert(id, kind, headline, subject, category, value, reference.key(), reference.value(),
                reference.holders(), reference.source());
    }

    private static RecordHolder holder(CeremonyDefinition definition, String name) {
        return new RecordHolder(name, definition.date() == null ? null : definition.date().getYear(), definition.id());
    }

    /** Stable: the same ceremony, kind and subject always give the same id, however often it is computed. */
    static String alertId(CeremonyDefinition definition, String kind, String subject) {
        return definition.id() + ":" + kind + ":" + subject;
    }

    private static String holders(RecordReference reference) {
        return reference.holders().stream()
                .map(h -> h.year() == null ? h.name() : h.name() + ", " + h.year())
                .collect(Collectors.joining("; "));
    }

    /** "74th Golden Globe Awards" -> "Golden Globe Awards": the title without its ordinal. */
    static String awardName(CeremonyDefinition definition) {
        return definition.title().replaceFirst("^\\d+(st|nd|rd|th)\\s+", "");
    }
}
