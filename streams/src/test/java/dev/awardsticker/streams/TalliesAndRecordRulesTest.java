package dev.awardsticker.streams;

import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.ceremony.Winner;
import dev.awardsticker.streams.record.RecordRules;
import dev.awardsticker.streams.tally.Tallies;
import dev.awardsticker.streams.tally.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tallies and record rules as the pure functions they are. */
class TalliesAndRecordRulesTest {
    static final String C = "rules-1";
    static final dev.awardsticker.contract.ceremony.CeremonyDefinition DEFINITION = TestCeremony.definition(C, "rules");

    static Map<String, Tally> tallies(Map<String, List<Winner>> winners) {
        return Tallies.of(DEFINITION, c -> winners.getOrDefault(c, List.of()));
    }

    static Winner w(String nominee) {
        return new Winner(nominee, "e", false, "ed");
    }

    @Test
    void aWinCountsForItsWorkPeopleAndStudioAndNominationsForEveryNominee() {
        Map<String, Tally> t = tallies(Map.of("Best Director", List.of(w("Alice"))));
        assertEquals(new Tally(Subject.WORK, "Alpha", 1, 3), t.get("WORK|Alpha"));
        assertEquals(new Tally(Subject.PERSON, "Alice", 1, 1), t.get("PERSON|Alice"));
        assertEquals(new Tally(Subject.STUDIO, "Studio A", 1, 3), t.get("STUDIO|Studio A"));
        assertEquals(new Tally(Subject.WORK, "Beta", 0, 4), t.get("WORK|Beta"));
        assertEquals(new Tally(Subject.WORK, "Gamma", 0, 1), t.get("WORK|Gamma"));
    }

    @Test
    void onlyChangedTalliesArePublishedAndARemovedSubjectGoesToZero() {
        Map<String, Tally> before = tallies(Map.of());
        Map<String, Tally> after = tallies(Map.of("Best Actor", List.of(w("Finn"))));
        assertEquals(List.of(new TallyUpdated(Subject.WORK, "Gamma", 1, 1), new TallyUpdated(Subject.PERSON, "Finn", 1, 1)),
                Tallies.changes(before, after));
        assertEquals(List.of(new TallyUpdated(Subject.WORK, "Old", 0, 0)), Tallies.changes(
                Map.of("WORK|Old", new Tally(Subject.WORK, "Old", 1, 2)), Map.of()));
    }

    @Test
    void twoWinsTieAMostWinsRecordOfTwoAndTheRecordAsLeftSharesIt() {
        Map<String, List<Winner>> winners = Map.of("Best Picture", List.of(w("Alpha")), "Best Director",
                List.of(w("Alice")));
        RecordReference mostWins = TestCeremony.mostWins("rules");
        RecordRules.Evaluation evaluation = RecordRules.evaluate(DEFINITION, tallies(winners),
                c -> winners.getOrDefault(c, List.of()), Map.of(), key -> key.equals(mostWins.key()) ? mostWins : null);
        assertEquals(List.of(C + ":most-wins-tied:Alpha"), List.copyOf(evaluation.alerts().keySet()));
        assertEquals(RecordAlert.Kind.RECORD_TIED, evaluation.alerts().values().iterator().next().kind());
        assertEquals(Map.of(mostWins.key(), mostWins), evaluation.consulted());
        RecordReference left = evaluation.records().get(0);
        assertEquals(2, left.value());
        assertEquals(List.of("Old Film", "Alpha"), left.holders().stream().map(h -> h.name()).toList());
    }

    @Test
    void aWinnerYoungerThanTheRecordIsTheYoungestAndWithoutAReferenceNothingIsClaimed() {
        Map<String, List<Winner>> winners = Map.of("Best Director", List.of(w("Alice")));
        RecordReference youngest = TestCeremony.youngestDirector("rules");
        RecordRules.Evaluation evaluation = RecordRules.evaluate(DEFINITION, tallies(winners),
                c -> winners.getOrDefault(c, List.of()), Map.of(), key -> key.equals(youngest.key()) ? youngest : null);
        RecordAlert alert = evaluation.alerts().values().iterator().next();
        assertEquals(RecordAlert.Kind.YOUNGEST_WINNER, alert.kind());
        assertEquals(29, alert.value());
        assertTrue(RecordRules.evaluate(DEFINITION, tallies(winners), c -> winners.getOrDefault(c, List.of()), Map.of(),
                key -> null).alerts().isEmpty());
    }
}
