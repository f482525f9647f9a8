package dev.awardsticker.contract.history;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fold on small ceremonies written here: ties add holders, a break replaces them, non-competitive awards count for no record. */
class HistoryLedgerTest {
    static Nominee film(String id, String... people) {
        return new Nominee(id, id, java.util.Arrays.stream(people).map(p -> new Person(p, null, p)).toList(), null,
                List.of(id), null);
    }

    static CeremonyResults ceremony(int edition, List<Category> categories, Map<String, List<String>> winners) {
        return new CeremonyResults(new CeremonyDefinition("aw-" + edition, "aw", edition + "th Awards", edition, null,
                null, categories), winners);
    }

    @Test
    void recordsAreEqualledThenBrokenWithTheirHoldersOverTime() {
        HistoryLedger ledger = new HistoryLedger("aw");
        Category picture = new Category("Picture", List.of(film("tt1", "nm1"), film("tt2", "nm2")));
        Category honorary = new Category("Honorary", List.of(film("tt2", "nm2")), "Special");
        ledger.add(ceremony(1, List.of(picture, honorary), Map.of("Picture", List.of("tt1"), "Honorary", List.of("tt2"))));
        // tt2's honorary win counts for no record: tt1 alone holds most wins, with 1.
        assertEquals(List.of("tt1"), ledger.records().get(HistoryLedger.MOST_WINS).holders().stream()
                .map(RecordHolder::id).toList());
        assertEquals(1, ledger.career("tt2").orElseThrow().honorary());
        assertEquals(0, ledger.career("tt2").orElseThrow().wins());

        ledger.add(ceremony(2, List.of(new Category("Picture", List.of(film("tt3", "nm2"), film("tt4")))),
                Map.of("Picture", List.of("tt3"))));
        RecordReference tied = ledger.records().get(HistoryLedger.MOST_WINS);
        assertEquals(List.of("aw-1", "aw-2"), tied.holders().stream().map(RecordHolder::ceremony).toList());
        // nm2: first win at the 2nd, after 1 nomination without one.
        assertEquals(1, ledger.career("nm2").orElseThrow().firstWinAfter());

        ledger.add(ceremony(3, List.of(new Category("Picture", List.of(film("tt5"))),
                new Category("Director", List.of(film("tt5")))), Map.of("Picture", List.of("tt5"), "Director",
                List.of("tt5"))));
        assertEquals(List.of(1, 1, 2), ledger.timeline(HistoryLedger.MOST_WINS).stream().map(RecordReference::value)
                .toList());
        assertEquals(List.of("tt5"), ledger.records().get(HistoryLedger.MOST_WINS).holders().stream()
                .map(RecordHolder::id).toList());
        assertEquals(2, ledger.records().get(HistoryLedger.CLEAN_SWEEP).value());
    }

    @Test
    void theHistoryBeforeACeremonyCarriesItsNomineesPriorCounts() {
        HistoryLedger ledger = new HistoryLedger("aw");
        ledger.add(ceremony(1, List.of(new Category("Actor", List.of(film("tt1", "nm1")), Category.ACTING)),
                Map.of("Actor", List.of("tt1"))));
        CeremonyDefinition next = ceremony(2, List.of(new Category("Actor", List.of(film("tt9", "nm1"), film("tt8",
                "nm8")), Category.ACTING)), Map.of()).definition();
        HistoryBefore before = ledger.before(next);
        assertEquals(1, before.throughEdition());
        assertEquals(List.of(new HistoryBefore.Prior("nm1", dev.awardsticker.contract.update.TallyUpdated.Subject.PERSON,
                "nm1", 1, 1, 1, 1, 0)), before.priors());
        assertThrows(IllegalArgumentException.class, () -> ledger.add(ceremony(1, List.of(), Map.of())));
    }

    @Test
    void anEditionClaimedByTwoCeremoniesIsFoldedOnceWhateverTheOrder() {
        CeremonyResults first = ceremony(1, List.of(new Category("Picture", List.of(film("tt1", "nm1")))),
                Map.of("Picture", List.of("tt1")));
        CeremonyResults rehearsal = new CeremonyResults(new CeremonyDefinition("aw-1-rehearsal", "aw", "1st Awards",
                1, null, null, List.of(new Category("Picture", List.of(film("tt2", "nm2"))))),
                Map.of("Picture", List.of("tt2")));
        CeremonyResults second = ceremony(2, List.of(new Category("Picture", List.of(film("tt1", "nm1")))),
                Map.of("Picture", List.of("tt1")));
        for (List<CeremonyResults> order : List.of(List.of(first, rehearsal, second), List.of(second, rehearsal, first))) {
            HistoryLedger ledger = HistoryLedger.of("aw", order, Integer.MAX_VALUE);
            // "aw-1" sorts before "aw-1-rehearsal": tt1 holds both wins, tt2 none.
            assertEquals(2, ledger.ceremonies());
            assertEquals(2, ledger.career("tt1").orElseThrow().wins());
            assertEquals(java.util.Optional.empty(), ledger.career("tt2"));
            assertEquals(List.of(new HistoryLedger.LeftOut("aw-1-rehearsal", 1, "aw-1")), ledger.leftOut());
        }
    }
}
