package dev.awardsticker.testkit;

import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordAlert.Kind;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a record desk expects of the Academy Awards history's ceremonies, with every value and holder taken from the
 * history README's facts table ({@link HistoryFacts}), for the topology test and the end-to-end tests alike.
 */
public final class HistoryAlerts {
    private HistoryAlerts() {}

    public static final String MOST_WINS = "most wins by a film";
    public static final String MOST_NOMINATIONS = "most nominations by a film, before the 98th";

    /** The 70th: Titanic ties Ben-Hur's wins and All About Eve's nominations. */
    public static void check70th(HistoryFacts facts, List<RecordAlert> alerts) {
        HistoryFacts.Stated wins = facts.record(MOST_WINS);
        HistoryFacts.Stated nominations = facts.record(MOST_NOMINATIONS);
        RecordAlert tie = find(alerts, Kind.RECORD_TIED, "Titanic", "most-wins-single-work");
        assertEquals(wins.value(), tie.value(), tie.headline());
        assertHolders(wins, 70, tie);
        RecordAlert nominated = find(alerts, Kind.RECORD_TIED, "Titanic", "most-nominations-single-work");
        assertEquals(nominations.value(), nominated.value(), nominated.headline());
        assertHolders(nominations, 70, nominated);
    }

    /** The 76th: The Return of the King ties the wins record and wins all of its nominations. */
    public static void check76th(HistoryFacts facts, List<RecordAlert> alerts) {
        HistoryFacts.Stated wins = facts.record(MOST_WINS);
        String king = wins.holders().stream().filter(h -> h.edition() == 76).findFirst().orElseThrow().name();
        RecordAlert tie = find(alerts, Kind.RECORD_TIED, king, "most-wins-single-work");
        assertEquals(wins.value(), tie.value(), tie.headline());
        assertHolders(wins, 76, tie);
        RecordAlert sweep = find(alerts, Kind.PERFECT_NIGHT, king, null);
        assertTrue(facts.row(MOST_WINS).contains("(76th, " + sweep.value() + " of " + sweep.value() + ")"),
                sweep.headline());
    }

    /** The 98th: Sinners breaks the nominations record held by the README's three films. */
    public static void check98th(HistoryFacts facts, List<RecordAlert> alerts) {
        HistoryFacts.Stated before = facts.record(MOST_NOMINATIONS);
        String at98 = facts.row("most nominations by a film, at the 98th");
        String film = at98.substring(at98.indexOf(':') + 1, at98.indexOf('(')).strip();
        RecordAlert broken = find(alerts, Kind.RECORD_BROKEN, film, "most-nominations-single-work");
        assertEquals(facts.number("most nominations by a film, at the 98th", ""), broken.value(), broken.headline());
        assertEquals(before.value(), broken.previousValue());
        assertHolders(before, 98, broken);
    }

    /**
     * The 89th, exactly: La La Land ties the nominations record, Streep's 20th nomination extends her record, Kevin
     * O'Connell's first win after 20 nominations without one, and (when the birth-date reference is loaded)
     * Damien Chazelle the youngest Best Director; record watches come and go besides.
     */
    public static void check89th(HistoryFacts facts, List<RecordAlert> alerts, boolean withAgeRecords) {
        HistoryFacts.Stated nominations = facts.record(MOST_NOMINATIONS);
        RecordAlert laLand = find(alerts, Kind.RECORD_TIED, "La La Land", "most-nominations-single-work");
        assertEquals(facts.number("89th ceremony", "La La Land 6 of"), laLand.value(), laLand.headline());
        assertEquals(nominations.value(), laLand.value());
        assertHolders(nominations, 89, laLand);
        RecordAlert streep = find(alerts, Kind.RECORD_BROKEN, "Meryl Streep", "most-nominations:person:acting");
        assertEquals(facts.number("Meryl Streep", "her"), streep.value(), streep.headline());
        RecordAlert oConnell = find(alerts, Kind.FIRST_WIN, "Kevin O'Connell", null);
        assertEquals(facts.number("Kevin O'Connell (sound)", ""), oConnell.value(), oConnell.headline());
        assertTrue(oConnell.headline().contains("21st nomination"), oConnell.headline());
        Set<String> expected = new java.util.TreeSet<>(Set.of(laLand.alertId(), streep.alertId(), oConnell.alertId()));
        if (withAgeRecords) {
            expected.add(find(alerts, Kind.YOUNGEST_WINNER, "Damien Chazelle", null).alertId());
        }
        Set<String> raised = alerts.stream().filter(a -> a.kind() != Kind.RECORD_WATCH).map(RecordAlert::alertId)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(expected, raised, "the 89th's record alerts, exactly");
    }

    private static RecordAlert find(List<RecordAlert> alerts, Kind kind, String subject, String record) {
        return alerts.stream().filter(a -> a.kind() == kind && a.subject().equalsIgnoreCase(subject)
                        && (record == null || record.equals(a.record() == null ? null
                        : a.record().substring(a.record().indexOf('|') + 1))))
                .findFirst().orElseGet(() -> fail("no " + kind + " alert for " + subject + " (" + record + ") among: "
                        + alerts.stream().map(RecordAlert::headline).toList()));
    }

    /** The alert names, as previous holders, exactly the README's holders set before {@code edition}. */
    private static void assertHolders(HistoryFacts.Stated stated, int edition, RecordAlert alert) {
        List<String> expected = stated.holders().stream().filter(h -> h.edition() < edition)
                .map(h -> h.name().toLowerCase(Locale.ROOT)).toList();
        List<String> named = alert.previousHolders().stream().map(RecordHolder::name)
                .map(n -> n.toLowerCase(Locale.ROOT)).toList();
        assertEquals(expected, named, alert.headline());
        List<String> ceremonies = alert.previousHolders().stream().map(RecordHolder::ceremony).toList();
        List<String> stated2 = stated.holders().stream().filter(h -> h.edition() < edition)
                .map(h -> "-" + h.edition()).toList();
        for (int i = 0; i < ceremonies.size(); i++) {
            assertTrue(ceremonies.get(i).endsWith(stated2.get(i)), alert.headline());
        }
    }
}
