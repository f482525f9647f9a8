package dev.awardsticker.contract.history;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.update.TallyUpdated.Subject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        for (Category category : definition.categories()) {
            List<String> winners = winnersOf.apply(category.name());
            boolean decided = !winners.isEmpty();
            for (Nominee nominee : category.nominees()) {
                boolean won = winners.contains(nominee.name());
                Map<String, Count> seen = new LinkedHashMap<>();
                for (int i = 0; i < nominee.workIds().size(); i++) {
                    String id = nominee.workIds().get(i);
                    seen.putIfAbsent(id, start(counts, id, Subject.WORK, workName(nominee, i)));
                }
                for (Person person : nominee.people()) {
                    if (person.id() != null) {
                        seen.putIfAbsent(person.id(), start(counts, person.id(), Subject.PERSON, person.name()));
                    }
                }
                if (nominee.studioId() != null) {
                    seen.putIfAbsent(nominee.studioId(), start(counts, nominee.studioId(), Subject.STUDIO,
                            nominee.studio()));
                }
                seen.forEach((id, count) -> counts.put(id, count.add(category.competitive(), category.acting(),
                        decided, won)));
            }
        }
        return counts;
    }

    private static Count start(Map<String, Count> counts, String id, Subject subject, String name) {
        return counts.getOrDefault(id, new Count(id, subject, name, 0, 0, 0, 0, 0, 0, 0));
    }

    /** A nomination of several films names them " / "-separated in {@code work}, in the order of its ids. */
    static String workName(Nominee nominee, int index) {
        String work = nominee.work() == null ? "" : nominee.work();
        String[] titles = work.split(" / ");
        return titles.length == nominee.workIds().size() ? titles[index] : work;
    }
}
