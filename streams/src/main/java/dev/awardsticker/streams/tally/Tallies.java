package dev.awardsticker.streams.tally;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.ceremony.Winner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Tallies are a pure function of the definition and the winners: recomputed, never patched. */
public final class Tallies {
    private Tallies() {}

    /** Every subject's tally, in definition order (works, people and studios as they first appear). */
    public static Map<String, Tally> of(CeremonyDefinition definition, Function<String, List<Winner>> winnersOf) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Tally> names = new LinkedHashMap<>();
        for (Category category : definition.categories()) {
            List<Winner> winners = winnersOf.apply(category.name());
            for (Nominee nominee : category.nominees()) {
                boolean won = winners.stream().anyMatch(w -> w.nominee().equals(nominee.name()));
                for (Tally subject : subjectsOf(nominee)) {
                    int[] c = counts.computeIfAbsent(subject.key(), k -> new int[2]);
                    names.putIfAbsent(subject.key(), subject);
                    c[1]++;
                    if (won) {
                        c[0]++;
                    }
                }
            }
        }
        Map<String, Tally> result = new LinkedHashMap<>();
        names.forEach((key, s) -> result.put(key, new Tally(s.subject(), s.name(), counts.get(key)[0], counts.get(key)[1])));
        return result;
    }

    /** The subjects one nomination counts for: its work, each person credited, its studio or network. */
    public static List<Tally> subjectsOf(Nominee nominee) {
        List<Tally> subjects = new ArrayList<>();
        if (!isBlank(nominee.work())) {
            subjects.add(new Tally(Subject.WORK, nominee.work(), 0, 0));
        }
        for (Person person : nominee.people()) {
            subjects.add(new Tally(Subject.PERSON, person.name(), 0, 0));
        }
        if (!isBlank(nominee.studio())) {
            subjects.add(new Tally(Subject.STUDIO, nominee.studio(), 0, 0));
        }
        return subjects;
    }

    /** Tallies that are new or differ from {@code before}, as changes to publish, in {@code after}'s order. */
    public static List<TallyUpdated> changes(Map<String, Tally> before, Map<String, Tally> after) {
        List<TallyUpdated> changes = new ArrayList<>();
        after.forEach((key, tally) -> {
            if (!Objects.equals(before.get(key), tally)) {
                changes.add(new TallyUpdated(tally.subject(), tally.name(), tally.wins(), tally.nominations()));
            }
        });
        before.forEach((key, tally) -> {
            if (!after.containsKey(key)) {
                // A late definition fix removed this subject: publish it at zero rather than leave it dangling.
                changes.add(new TallyUpdated(tally.subject(), tally.name(), 0, 0));
            }
        });
        return changes;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
