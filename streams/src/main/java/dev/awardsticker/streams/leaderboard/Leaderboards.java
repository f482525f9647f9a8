package dev.awardsticker.streams.leaderboard;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.ceremony.Winner;
import dev.awardsticker.streams.tally.Tally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A ceremony's standing as a pure function of its definition, winners and tallies, like the tallies themselves:
 * after a correction it is simply computed again. Position ({@code epoch}, {@code seq}) is left at 0 for the
 * processor to stamp, so two standings can be compared for "did anything change" without it.
 */
public final class Leaderboards {
    private Leaderboards() {}

    /** Most wins first; equal wins by more nominations, then by name, so the order never depends on the JVM. */
    private static final Comparator<Tally> BEST_FIRST = Comparator.comparingInt(Tally::wins).reversed()
            .thenComparing(Comparator.comparingInt(Tally::nominations).reversed())
            .thenComparing(Tally::name);

    public static Leaderboard of(CeremonyDefinition definition, Function<String, List<Winner>> winnersOf,
                                 Map<String, Tally> tallies) {
        List<String> remaining = definition.categories().stream().map(Category::name)
                .filter(name -> winnersOf.apply(name).isEmpty()).toList();
        int total = definition.categories().size();
        List<Tally> works = tallies.values().stream().filter(t -> t.subject() == Subject.WORK)
                .filter(t -> t.nominations() > 0).sorted(BEST_FIRST).toList();
        List<Leaderboard.Entry> entries = new ArrayList<>(works.size());
        int rank = 0;
        for (int i = 0; i < works.size(); i++) {
            Tally work = works.get(i);
            // Competition ranking: a work shares the rank of the one before it when their wins are equal; the
            // next different one is ranked by how many works are ahead of it (1, 1, 3).
            if (i == 0 || works.get(i - 1).wins() != work.wins()) {
                rank = i + 1;
            }
            entries.add(new Leaderboard.Entry(rank, work.name(), work.wins(), work.nominations()));
        }
        return new Leaderboard(definition.id(), 0, 0, total - remaining.size(), total, remaining, entries);
    }
}
