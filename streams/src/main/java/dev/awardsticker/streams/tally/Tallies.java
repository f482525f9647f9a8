package dev.awardsticker.streams.tally;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.ceremony.Winner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Tallies are a pure function of the definition and the winners: recomputed, never patched. */
public final class Tallies {
    private Tallies() {}

    /**
     * What a definition alone decides, worked out once per definition: every subject in order of first appearance,
     * its nominations, and for each category which subjects a nominee's win counts for. A win then costs a few
     * array increments instead of a walk over every nomination of the ceremony (which, per event, made a ceremony
     * of 10,000 nominations O(n^2) to process).
     */
    private record Layout(CeremonyDefinition definition, List<Tally> subjects, List<String> keys, int[] nominations,
                          Map<String, Map<String, int[]>> subjectsByCategoryAndNominee) {
        static Layout of(CeremonyDefinition definition) {
            Map<String, Integer> index = new LinkedHashMap<>();
            List<Tally> subjects = new ArrayList<>();
            List<Integer> nominations = new ArrayList<>();
            Map<String, Map<String, int[]>> byCategory = new HashMap<>();
            for (Category category : definition.categories()) {
                Map<String, int[]> byNominee = byCategory.computeIfAbsent(category.name(), c -> new HashMap<>());
                for (Nominee nominee : category.nominees()) {
                    List<Tally> of = subjectsOf(nominee);
                    int[] positions = new int[of.size()];
                    for (int i = 0; i < of.size(); i++) {
                        Tally subject = of.get(i);
                        Integer at = index.get(subject.key());
                        if (at == null) {
                            at = subjects.size();
                            index.put(subject.key(), at);
                            subjects.add(subject);
                            nominations.add(0);
                        }
                        nominations.set(at, nominations.get(at) + 1);
                        positions[i] = at;
                    }
                    // Two nominees of one name in one category both count when that name wins, as before.
                    byNominee.merge(nominee.name(), positions, (a, b) -> {
                        int[] both = Arrays.copyOf(a, a.length + b.length);
                        System.arraycopy(b, 0, both, a.length, b.length);
                        return both;
                    });
                }
            }
            return new Layout(definition, List.copyOf(subjects), List.copyOf(index.keySet()),
                    nominations.stream().mapToInt(Integer::intValue).toArray(), byCategory);
        }
    }

    /** Layouts of the definitions this thread used last (by ceremony id, valid for that very definition object). */
    private static final int LAYOUTS_KEPT = 64;
    private static final ThreadLocal<Map<String, Layout>> LAYOUTS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Layout> eldest) {
                    return size() > LAYOUTS_KEPT;
                }
            });

    private static Layout layout(CeremonyDefinition definition) {
        Map<String, Layout> layouts = LAYOUTS.get();
        Layout layout = layouts.get(definition.id());
        if (layout == null || layout.definition() != definition) {
            layout = Layout.of(definition);
            layouts.put(definition.id(), layout);
        }
        return layout;
    }

    /** Every subject's tally, in definition order (works, people and studios as they first appear). */
    public static Map<String, Tally> of(CeremonyDefinition definition, Function<String, List<Winner>> winnersOf) {
        Layout layout = layout(definition);
        int[] wins = new int[layout.subjects().size()];
        for (Category category : definition.categories()) {
            List<Winner> winners = winnersOf.apply(category.name());
            if (winners.isEmpty()) {
                continue;
            }
            Map<String, int[]> byNominee = layout.subjectsByCategoryAndNominee().get(category.name());
            // A nominee counts once however many winner entries name it; a winner no longer nominated counts for nothing.
            for (int w = 0; w < winners.size(); w++) {
                String name = winners.get(w).nominee();
                if (firstNamed(winners, w, name)) {
                    for (int at : byNominee.getOrDefault(name, NONE)) {
                        wins[at]++;
                    }
                }
            }
        }
        Map<String, Tally> result = new LinkedHashMap<>(wins.length * 4 / 3 + 1);
        for (int i = 0; i < wins.length; i++) {
            Tally s = layout.subjects().get(i);
            result.put(layout.keys().get(i), new Tally(s.subject(), s.name(), wins[i], layout.nominations()[i]));
        }
        return result;
    }

    private static final int[] NONE = new int[0];

    /** Whether {@code winners.get(w)} is the first entry naming {@code name} (ties are short lists). */
    private static boolean firstNamed(List<Winner> winners, int w, String name) {
        for (int i = 0; i < w; i++) {
            if (Objects.equals(winners.get(i).nominee(), name)) {
                return false;
            }
        }
        return true;
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
