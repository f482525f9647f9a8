package dev.awardsticker.gateway.rest;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.gateway.feed.CeremonyState;
import dev.awardsticker.gateway.feed.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works ranked by wins, then nominations (both descending), then name: the table a newsroom shows. Every nominated
 * work is listed, including those without a win yet.
 *
 * @param decided categories with a standing winner
 * @param total   categories of the ceremony (0 until its definition has been seen)
 */
public record Leaderboard(String ceremony, long epoch, long seq, int decided, int total, List<Entry> works) {

    /**
     * @param rank 1 for the first; works with the same wins and nominations share a rank (1, 1, 3)
     */
    public record Entry(int rank, String work, int wins, int nominations) {}

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::wins).reversed()
            .thenComparing(Comparator.comparingInt(Entry::nominations).reversed())
            .thenComparing(Entry::work);

    public Leaderboard {
        works = List.copyOf(works);
    }

    /**
     * Nominations come from the definition and wins from the standing winners, which is what the Streams app's work
     * tallies say too; a work tally overrides both, as the Streams app is the one that counts. The definition is
     * what lists works that have not won yet.
     */
    static Leaderboard of(Snapshot snapshot) {
        CeremonyState state = snapshot.state();
        Map<String, int[]> counts = new LinkedHashMap<>(); // work -> {wins, nominations}
        int total = 0;
        if (state.definition() != null) {
            total = state.definition().categories().size();
            for (Category category : state.definition().categories()) {
                for (Nominee nominee : category.nominees()) {
                    counts.computeIfAbsent(nominee.work(), k -> new int[2])[1]++;
                }
            }
        }
        Set<String> decided = new LinkedHashSet<>();
        for (WinnerDeclared winner : state.winners()) {
            decided.add(winner.category());
            counts.computeIfAbsent(winner.work(), k -> new int[2])[0]++;
        }
        for (TallyUpdated tally : state.tallies()) {
            if (tally.subject() == TallyUpdated.Subject.WORK) {
                counts.put(tally.name(), new int[]{tally.wins(), tally.nominations()});
            }
        }
        List<Entry> unranked = new ArrayList<>();
        counts.forEach((work, c) -> {
            if (work != null) {
                unranked.add(new Entry(0, work, c[0], c[1]));
            }
        });
        unranked.sort(ORDER);
        List<Entry> ranked = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Entry entry = unranked.get(i);
            Entry previous = i == 0 ? null : ranked.get(i - 1);
            boolean tied = previous != null && previous.wins() == entry.wins()
                    && previous.nominations() == entry.nominations();
            ranked.add(new Entry(tied ? previous.rank() : i + 1, entry.work(), entry.wins(), entry.nominations()));
        }
        return new Leaderboard(snapshot.ceremony(), snapshot.epoch(), snapshot.seq(), decided.size(), total, ranked);
    }
}
