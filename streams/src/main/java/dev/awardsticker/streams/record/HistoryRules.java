package dev.awardsticker.streams.record;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.history.HistoryBefore.Prior;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.contract.history.NominationCounts;
import dev.awardsticker.contract.history.NominationCounts.Count;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordAlert.Kind;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Record alerts of a ceremony judged against its award's history ({@link HistoryBefore}, carried by its
 * definition): the records as they stood before the night and the prior counts of its nominees, by id. Like
 * {@link RecordRules}, a function of the ceremony as it stands: a correction withdraws what no longer holds.
 * Competitive categories only count (the Academy's own rule for its records); a subject without an id makes no
 * claim.
 *
 * <p>Film records count the night (wins, nominations, nominations without a win, a clean sweep); person records a
 * career (wins and nominations overall and in acting, nominations without a win). Nominations are known with the
 * definition, so their records come before the show; wins as they are announced; "without a win" once all of a
 * subject's categories are decided.
 */
public final class HistoryRules {
    private HistoryRules() {}

    /**
     * A first win after at least this many nominations without one is news: double-digit near misses are when
     * the press starts calling someone "the most nominated never to win" in a field, and it happened to few (Victor
     * Young, Hans Dreier, Randy Newman, Roger Deakins, Kevin O'Connell, Paul Thomas Anderson); first wins after
     * five to nine nominations are common enough to be routine.
     */
    public static final int FIRST_WIN_AFTER = 10;
    /**
     * A record watch is raised when a subject needs at most this many more wins to tie a record and still has the
     * categories to do it: close enough for a newsroom to prepare copy, not so early that every front-runner has one.
     */
    public static final int WATCH_WITHIN = 2;

    public static void evaluate(CeremonyDefinition definition, Function<String, List<String>> winnersOf,
                                HistoryBefore history, Map<String, RecordAlert> alerts) {
        Map<String, Prior> priors = new HashMap<>();
        history.priors().forEach(p -> priors.put(p.id(), p));
        Map<String, RecordReference> records = new HashMap<>();
        history.records().forEach(r -> records.put(r.record(), r));
        Judge judge = new Judge(definition, records, alerts, new IdentityHashMap<>());
        for (Count count : NominationCounts.of(definition, winnersOf).values()) {
            if (count.nominations() == 0) {
                continue; // only non-competitive nominations tonight: they count toward no record
            }
            switch (count.subject()) {
                case WORK -> work(judge, count);
                case PERSON -> person(judge, definition, winnersOf, count, priors.get(count.id()));
                default -> { }
            }
        }
    }

    private static void work(Judge judge, Count work) {
        judge.atLeast(HistoryLedger.MOST_NOMINATIONS, work, work.nominations(), "nominations", true);
        if (work.wins() > 0) {
            judge.atLeast(HistoryLedger.MOST_WINS, work, work.wins(), "wins", false);
        }
        judge.watch(HistoryLedger.MOST_WINS, work, work.wins(), work.open(), "wins");
        if (work.lostAll()) {
            judge.atLeast(HistoryLedger.WORK_WITHOUT_WIN, work, work.nominations(), "nominations without a win", true);
        }
        RecordReference sweep = judge.records.get(HistoryLedger.CLEAN_SWEEP);
        if (sweep != null && work.wins() + work.open() == work.nominations() && work.nominations() >= sweep.value()) {
            if (work.open() == 0) {
                boolean tie = work.nominations() == sweep.value();
                judge.put(new RecordAlert(judge.id(HistoryLedger.CLEAN_SWEEP, work.id()), Kind.PERFECT_NIGHT,
                        "PERFECT NIGHT: " + work.name() + " wins all " + work.nominations() + " of its nominations at the "
                                + judge.definition.title() + (tie ? ", equalling the record clean sweep: "
                                : ", the biggest clean sweep ever. Previous record: ") + judge.previous(sweep),
                        work.name(), null, work.nominations(), sweep.key(), sweep.value(), sweep.holders(),
                        sweep.source()));
            } else if (work.open() <= WATCH_WITHIN) {
                judge.put(new RecordAlert(judge.id("watch:" + HistoryLedger.CLEAN_SWEEP, work.id()), Kind.RECORD_WATCH,
                        "RECORD WATCH: " + work.name() + " can win all " + work.nominations() + " of its nominations ("
                                + work.wins() + " of " + work.wins() + " so far, " + categories(work.open())
                                + " left), the biggest clean sweep is " + judge.previous(sweep),
                        work.name(), null, work.wins(), sweep.key(), sweep.value(), sweep.holders(), sweep.source()));
            }
        }
    }

    private static void person(Judge judge, CeremonyDefinition definition, Function<String, List<String>> winnersOf,
                               Count tonight, Prior prior) {
        int priorWins = prior == null ? 0 : prior.wins();
        int priorNominations = prior == null ? 0 : prior.nominations();
        int priorActingWins = prior == null ? 0 : prior.actingWins();
        int priorActingNominations = prior == null ? 0 : prior.actingNominations();
        judge.atLeast(HistoryLedger.PERSON_NOMINATIONS, tonight, priorNominations + tonight.nominations(),
                "nominations", true);
        if (tonight.actingNominations() > 0) {
            judge.atLeast(HistoryLedger.ACTING_NOMINATIONS, tonight,
                    priorActingNominations + tonight.actingNominations(), "acting nominations", true);
        }
        if (tonight.wins() > 0) {
            judge.atLeast(HistoryLedger.PERSON_WINS, tonight, priorWins + tonight.wins(), "wins", false);
        }
        if (tonight.actingWins() > 0) {
            judge.atLeast(HistoryLedger.ACTING_WINS, tonight, priorActingWins + tonight.actingWins(), "acting wins",
                    false);
        }
        judge.watch(HistoryLedger.PERSON_WINS, tonight, priorWins + tonight.wins(), tonight.open(), "wins");
        judge.watch(HistoryLedger.ACTING_WINS, tonight, priorActingWins + tonight.actingWins(), tonight.actingOpen(),
                "acting wins");
        if (priorWins == 0 && tonight.lostAll()) {
            judge.atLeast(HistoryLedger.PERSON_WITHOUT_WIN, tonight, priorNominations + tonight.nominations(),
                    "nominations without a win", true);
        }
        if (priorWins == 0 && tonight.wins() > 0 && priorNominations >= FIRST_WIN_AFTER) {
            firstWin(judge, definition, winnersOf, tonight, priorNominations);
        }
    }

    /** "Kevin O'Connell wins on the 21st nomination, after 20 without a win", against the record of such waits. */
    private static void firstWin(Judge judge, CeremonyDefinition definition, Function<String, List<String>> winnersOf,
                                 Count person, int priorNominations) {
        RecordReference record = judge.records.get(HistoryLedger.BEFORE_FIRST_WIN);
        String won = wonWhat(definition, winnersOf, person.id());
        // With several nominations tonight, which one is "the Nth" is a matter of order: count the wait instead.
        String headline = "FIRST WIN: " + person.name() + (person.nominations() == 1
                ? " wins on the " + HistoryLedger.ordinal(priorNominations + 1) + " nomination, after "
                + priorNominations + " without a win" : " wins for the first time, after " + priorNominations + " nominations without a win")
                + (won == null ? "" : " (" + won + ")");
        if (record != null && priorNominations >= record.value()) {
            headline += priorNominations == record.value()
                    ? ", equalling the longest wait for a first win: " + judge.previous(record)
                    : ", the longest wait for a first win ever. Previous record: " + judge.previous(record);
        }
        judge.put(new RecordAlert(judge.id("first-win", person.id()), Kind.FIRST_WIN, headline, person.name(),
                won == null ? null : won.substring(0, won.indexOf(',') < 0 ? won.length() : won.indexOf(',')),
                priorNominations, record == null ? null : record.key(), record == null ? null : record.value(),
                record == null ? List.of() : record.holders(), record == null
                        ? "derived from the " + definition.award() + " nominations history" : record.source()));
    }

    /** The category and film of the person's first winning nomination tonight, e.g. "Sound Mixing, Hacksaw Ridge". */
    private static String wonWhat(CeremonyDefinition definition, Function<String, List<String>> winnersOf, String id) {
        for (Category category : definition.categories()) {
            if (!category.competitive()) {
                continue;
            }
            for (Nominee nominee : category.nominees()) {
                if (winnersOf.apply(category.name()).contains(nominee.name())
                        && nominee.people().stream().map(Person::id).anyMatch(id::equals)) {
                    return category.name() + (nominee.work() == null ? "" : ", " + nominee.work());
                }
            }
        }
        return null;
    }

    /** The alerts of one evaluation, and how they word records. */
    private record Judge(CeremonyDefinition definition, Map<String, RecordReference> records,
                         Map<String, RecordAlert> alerts, Map<RecordReference, String> previousText) {

        /**
         * Tied at the record's value, broken above it ("extends" when the subject held it alone). {@code fixed}:
         * the value can't grow during the night (nominations), so one alert says tied or broken; wins get one alert
         * each for the tie and the break, and the tie stands once broken, as for typed records.
         */
        void atLeast(String recordName, Count subject, int value, String what, boolean fixed) {
            RecordReference record = records.get(recordName);
            if (record == null || value < record.value()) {
                return;
            }
            String night = definition.title();
            boolean own = record.holders().size() == 1 && subject.id().equals(record.holders().get(0).id());
            // Past the record, a subject passed through a tie on the way, unless the record was its own already.
            if (value == record.value() || !fixed && !own) {
                put(new RecordAlert(id(recordName + (fixed ? "" : ":tied"), subject.id()), Kind.RECORD_TIED,
                        "RECORD TIED: " + subject.name() + " has " + record.value() + " " + what + " at the " + night
                                + ", equalling the record: " + previous(record),
                        subject.name(), null, record.value(), record.key(), record.value(), record.holders(),
                        record.source()));
            }
            if (value > record.value()) {
                put(new RecordAlert(id(recordName + (fixed ? "" : ":broken"), subject.id()), Kind.RECORD_BROKEN,
                        (own ? "RECORD EXTENDED: " + subject.name() + " reaches " + value + " " + what + " at the "
                                + night + ", extending a record already held alone: "
                                : "RECORD BROKEN: " + subject.name() + " has " + value + " " + what + " at the " + night
                                + ", the most ever. Previous record: ") + previous(record),
                        subject.name(), null, value, record.key(), record.value(), record.holders(), record.source()));
            }
        }

        /** Within {@link #WATCH_WITHIN} wins of tying, with enough categories left: prepare copy. */
        void watch(String recordName, Count subject, int wins, int open, String what) {
            RecordReference record = records.get(recordName);
            if (record == null || open == 0 || wins > record.value() || wins + open < record.value()
                    || record.value() - wins > WATCH_WITHIN) {
                return;
            }
            String can = wins + open > record.value() ? "can break" : "can tie";
            put(new RecordAlert(id("watch:" + recordName, subject.id()), Kind.RECORD_WATCH,
                    "RECORD WATCH: " + subject.name() + " " + can + " the record for most " + what + ": " + wins
                            + " now, " + categories(open) + " left. The record: " + previous(record),
                    subject.name(), null, wins, record.key(), record.value(), record.holders(), record.source()));
        }

        void put(RecordAlert alert) {
            alerts.put(alert.alertId(), alert);
        }

        String id(String kind, String subject) {
            return definition.id() + ":" + kind + ":" + subject;
        }

        /** "11, Ben-Hur (32nd Academy Awards); Titanic (70th Academy Awards)". */
        String previous(RecordReference record) {
            // Worded once per evaluation: many subjects can stand at a record whose holders are many.
            return previousText.computeIfAbsent(record, r -> r.value() + ", "
                    + r.holders().stream().map(this::holder).collect(Collectors.joining("; ")));
        }

        private String holder(RecordHolder holder) {
            String where = holder.ceremony() == null ? null : ceremonyTitle(holder.ceremony());
            return where == null ? holder.name() : holder.name() + " (" + where + ")";
        }

        /** A ceremony id of this award ({@code academy-awards-32}) as its title: "32nd Academy Awards". */
        private String ceremonyTitle(String ceremony) {
            String prefix = definition.award() + "-";
            if (ceremony.startsWith(prefix) && DIGITS.matcher(ceremony.substring(prefix.length())).matches()) {
                return HistoryLedger.ordinal(Integer.parseInt(ceremony.substring(prefix.length()))) + " "
                        + RecordRules.awardName(definition);
            }
            return ceremony;
        }
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static String categories(int n) {
        return n == 1 ? "1 category" : n + " categories";
    }
}
