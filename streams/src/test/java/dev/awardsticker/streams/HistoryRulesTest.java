package dev.awardsticker.streams;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordAlert.Kind;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.record.HistoryRules;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history rules as pure functions, on a small ceremony written here (the README's facts are end to end). */
class HistoryRulesTest {
    static final String AWARD = "aw";

    /** Film tt1 in four categories (with person nm1 credited on each), a rival tt2 in each. */
    static final CeremonyDefinition NIGHT = new CeremonyDefinition("aw-10", AWARD, "10th Awards", 10, null, null,
            List.of("A", "B", "C", "D").stream().map(c -> new Category(c, List.of(
                    new Nominee("one", "Film One", List.of(new Person("Pat", null, "nm1")), null, List.of("tt1"), null),
                    new Nominee("two", "Film Two", List.of(new Person("Sam", null, "nm2")), null, List.of("tt2"), null)),
                    c.equals("D") ? Category.ACTING : null)).toList());

    static RecordReference record(String name, int value, String holderId) {
        return new RecordReference(AWARD, name, value, List.of(new RecordHolder(holderId, null, "aw-3", null, holderId)),
                "test");
    }

    static Map<String, RecordAlert> evaluate(HistoryBefore history, Map<String, List<String>> winners) {
        Map<String, RecordAlert> alerts = new LinkedHashMap<>();
        HistoryRules.evaluate(NIGHT, c -> winners.getOrDefault(c, List.of()), history, alerts);
        return alerts;
    }

    static List<Kind> kinds(Map<String, RecordAlert> alerts, String subject) {
        return alerts.values().stream().filter(a -> a.subject().equals(subject)).map(RecordAlert::kind).toList();
    }

    @Test
    void aWatchIsRaisedOnlyWithinReachAndComesDownOutOfIt() {
        HistoryBefore history = new HistoryBefore(AWARD, 9, 9, List.of(record(HistoryLedger.MOST_WINS, 3, "tt9")),
                List.of());
        assertEquals(List.of(), kinds(evaluate(history, Map.of()), "Film One"), "3 to win: not yet news");
        assertEquals(List.of(Kind.RECORD_WATCH), kinds(evaluate(history, Map.of("A", List.of("one"))), "Film One"));
        assertEquals(List.of(), kinds(evaluate(history, Map.of("A", List.of("one"), "B", List.of("two"),
                "C", List.of("two"))), "Film One"), "1 now, 1 left: out of reach of 3");
        assertEquals(List.of(Kind.RECORD_TIED), kinds(evaluate(history, Map.of("A", List.of("one"), "B",
                List.of("one"), "C", List.of("one"), "D", List.of("two"))), "Film One"));
    }

    @Test
    void aFirstWinIsNewsAfterTenNominationsWithoutOne() {
        Map<String, List<String>> won = Map.of("A", List.of("one"));
        HistoryBefore ten = new HistoryBefore(AWARD, 9, 9, List.of(record(HistoryLedger.BEFORE_FIRST_WIN, 12, "nm7")),
                List.of(new HistoryBefore.Prior("nm1", Subject.PERSON, "Pat", 0, HistoryRules.FIRST_WIN_AFTER, 0, 0, 0)));
        RecordAlert first = evaluate(ten, won).values().stream().filter(a -> a.kind() == Kind.FIRST_WIN).findFirst()
                .orElseThrow();
        assertTrue(first.headline().contains("after 10 nominations without a win"), first.headline());
        HistoryBefore nine = new HistoryBefore(AWARD, 9, 9, ten.records(),
                List.of(new HistoryBefore.Prior("nm1", Subject.PERSON, "Pat", 0, HistoryRules.FIRST_WIN_AFTER - 1, 0, 0, 0)));
        assertTrue(evaluate(nine, won).values().stream().noneMatch(a -> a.kind() == Kind.FIRST_WIN));
    }

    @Test
    void aHolderAloneExtendsItsOwnRecordAndNoOneTiesIt() {
        HistoryBefore history = new HistoryBefore(AWARD, 9, 9,
                List.of(record(HistoryLedger.ACTING_NOMINATIONS, 5, "nm1"), record(HistoryLedger.PERSON_NOMINATIONS, 7, "nm2")),
                List.of(new HistoryBefore.Prior("nm1", Subject.PERSON, "Pat", 0, 5, 0, 5, 0),
                        new HistoryBefore.Prior("nm2", Subject.PERSON, "Sam", 0, 3, 0, 0, 0)));
        Map<String, RecordAlert> alerts = evaluate(history, Map.of());
        RecordAlert pat = alerts.values().stream().filter(a -> a.subject().equals("Pat")
                && a.record().endsWith(HistoryLedger.ACTING_NOMINATIONS)).findFirst().orElseThrow();
        assertEquals(Kind.RECORD_BROKEN, pat.kind());
        assertTrue(pat.headline().startsWith("RECORD EXTENDED: Pat reaches 6 acting nominations"), pat.headline());
        // Sam: 3 before + 4 tonight = 7, the record of 7: tied.
        assertEquals(List.of(Kind.RECORD_TIED), kinds(alerts, "Sam"));
    }
}
