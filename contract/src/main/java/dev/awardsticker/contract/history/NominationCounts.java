package dev.awardsticker.contract.history;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.update.TallyUpdated.Subject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One ceremony's counts per film, person and company id, as records count them: competitive categories only
 * (a nomination naming several films counts for each; a person or company named twice in one nomination once).
 * Subjects without an id are left out: no identity, no record claim. Shared by the history fold and the live
 * rules, so the night and the history count alike.
 */
public final class NominationCounts {
    private NominationCounts() {}

    /**
     * @param open             nominations in categories not decided yet
     * @param honorary         wins of non-competitive awards (SciTech, Special): shown, never counted toward a record
     * @param lostAll          every nomination decided, none won
     */
    public record Count(String id, Subject subject, String name, int wins, int nominations, int actingWins,
                        int actingNominations, int open, int actingOpen, int honorary) {
        Count add(boolean competitive, boolean acting, boolean decided, boolean won) {
            if (!competitive) {
                return new Count(id, subject, name, wins, nominations, actingWins, actingNominations, open, actingOpen,
                        honorary + (won ? 1 : 0));
            }
            int w = won ? 1 : 0;
            int a = acting ? 1 : 0;
            int o = decided ? 0 : 1;
            return new Count(id, subject, name, wins + w, nominations + 1, actingWins + w * a, actingNominations + a,
                    open + o, actingOpen + o * a, honorary);
        }

        public boolean lostAll() {
            return nominations > 0 && open == 0 && wins == 0;
        }
    }

    /** Counts in order of first appearance; {@code winnersOf} gives a category's winning nominee names. */
    public static Map<String, Count> of(CeremonyDefinition definition, Function<String, List<String>> winnersOf) {
        Map<String, Count> counts = new LinkedHashMap<>();
        // The ids one nomination counts for, each once, in order: a list, as a nomination names a few at most. Runs
        // for every command of a ceremony with a history, so no map or count is made that is not needed.
        List<String> seen = new ArrayList<>();
        for (Category category : definition.categories()) {
            List<String> winners = winnersOf.apply(category.name());
            boolean decided = !winners.isEmpty();
            boolean competitive = category.competitive();
            boolean acting = category.acting();
            for (Nominee nominee : category.nominees()) {
                boolean won = winners.contains(nominee.name());
                seen.clear();
                for (int i = 0; i < nominee.workIds().size(); i++) {
                    String id = nominee.workIds().get(i);
                    if (!seen.contains(id)) {
                        seen.add(id);
                        count(counts, id, Subject.WORK, nominee, i, null, competitive, acting, decided, won);
                    }
                }
                for (Person person : nominee.people()) {
                    if (person.id() != null && !seen.contains(person.id())) {
                        seen.add(person.id());
                        count(counts, person.id(), Subject.PERSON, nominee, -1, person.name(), competitive, acting,
                                decided, won);
                    }
                }
                if (nominee.studioId() != null && !seen.contains(nominee.studioId())) {
                    count(counts, nominee.studioId(), Subject.STUDIO, nominee, -1, nominee.studio(), competitive,
                            acting, decided, won);
                }
            }
        }
        return counts;
    }

    /**
     * Adds one nomination to {@code id}'s count, started (named as first seen: a work's name from its position
     * {@code work} in the nomination, else {@code name}) when the id is new.
     */
    private static void count(Map<String, Count> counts, String id, Subject subject, Nominee nominee, int work,
                              String name, boolean competitive, boolean acting, boolean decided, boolean won) {
        Count count = counts.get(id);
        if (count == null) {
            count = new Count(id, subject, work >= 0 ? workName(nominee, work) : name, 0, 0, 0, 0, 0, 0, 0);
        }
        counts.put(id, count.add(competitive, acting, decided, won));
    }

    /** A nomination of several films names them " / "-separated in {@code work}, in the order of its ids. */
    static String workName(Nominee nominee, int index) {
        String work = nominee.work() == null ? "" : nominee.work();
        if (nominee.workIds().size() == 1 && !work.contains(" / ")) {
            return work; // one film (nearly every nomination): no split, which compiles its pattern on every call
        }
        String[] titles = WORKS_SEPARATOR.split(work);
        return titles.length == nominee.workIds().size() ? titles[index] : work;
    }

    private static final Pattern WORKS_SEPARATOR = Pattern.compile(" / ");
}
