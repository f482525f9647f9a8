package dev.awardsticker.streams.record;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordAlert.Kind;
import dev.awardsticker.contract.update.TallyUpdated.Subject;
import dev.awardsticker.streams.ceremony.Winner;
import dev.awardsticker.streams.tally.Tally;

import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which record alerts are true for a ceremony as it stands. Alerts are a function of the state, not of the
 * last event: after a correction the same evaluation says which banners must come down and which go up.
 * Conservative by design: no reference data, no alert; an equal age in whole years is not "younger" unless the
 * reference knows its holder's age in days; no complete list of previous winners, no "first ever". A newsroom
 * would rather miss a banner than print a wrong one.
 */
public final class RecordRules {
    private RecordRules() {}

    /** Perfect nights need at least this many nominations: 1 of 1 is not news. */
    static final int PERFECT_NIGHT_MIN_NOMINATIONS = 3;

    /**
     * @param alerts    every alert that holds now, by id, in the order they should be published when new
     * @param consulted reference records consulted for the first time (to be kept as this ceremony's baseline)
     * @param records   every reference record this ceremony consulted, as it leaves them (changed or not: the
     *                  ledger tells which differ from what was last published)
     */
    public record Evaluation(Map<String, RecordAlert> alerts, Map<String, RecordReference> consulted,
                             List<RecordReference> records) {}

    /**
     * @param baselines   reference records as they stood when this ceremony first consulted them: a ceremony is
     *                    compared with the record before it, not with the record it just set
     * @param liveRecords the current reference records (the award-records topic), by key
     */
    public static Evaluation evaluate(CeremonyDefinition definition, Map<String, Tally> tallies,
                                      Function<String, List<Winner>> winnersOf,
                                      Map<String, RecordReference> baselines,
                                      Function<String, RecordReference> liveRecords) {
        return evaluate(definition, tallies, winnersOf, baselines, liveRecords, null);
    }

    /**
     * @param history the award's history before this ceremony, when its definition carried one: then the records
     *                it derives (film and person records, clean sweeps; see {@link HistoryRules}) replace the typed
     *                most-wins and most-nominations references and the perfect-night rule, whatever award-records
     *                holds; age and first-studio-win records still come from the typed references, which a
     *                nominations history can't give (no birth dates)
     */
    public static Evaluation evaluate(CeremonyDefinition definition, Map<String, Tally> tallies,
                                      Function<String, List<Winner>> winnersOf,
                                      Map<String, RecordReference> baselines,
                                      Function<String, RecordReference> liveRecords, HistoryBefore history) {
        Map<String, RecordReference> consulted = new LinkedHashMap<>();
        Function<String, RecordReference> baseline = record -> {
            String key = RecordReference.key(definition.award(), record);
            if (baselines.containsKey(key)) {
                return baselines.get(key);
            }
            RecordReference live = consulted.containsKey(key) ? consulted.get(key) : liveRecords.apply(key);
            if (live != null) {
                consulted.put(key, live);
            }
            return live;
        };
        Map<String, RecordAlert> alerts = new LinkedHashMap<>();
        List<RecordReference> records = new ArrayList<>();
        if (history != null) {
            HistoryRules.evaluate(definition, category -> winnersOf.apply(category).stream().map(Winner::nominee)
                    .toList(), history, alerts);
        } else {
            typedWorkRecords(definition, tallies, baseline, records, alerts);
        }
        for (Category category : definition.categories()) {
            List<Aged> aged = agedWinners(definition, category, winnersOf.apply(category.name()));
            if (aged.isEmpty()) {
                continue;
            }
            for (boolean youngest : new boolean[] {true, false}) {
                RecordReference reference = baseline.apply(youngest ? RecordReference.youngestWinner(category.name())
                        : RecordReference.oldestWinner(category.name()));
                if (reference != null) {
                    records.add(ageRecordAfter(definition, category.name(), aged, youngest, reference, alerts));
                }
            }
        }
        RecordReference winnersBefore = baseline.apply(RecordReference.previousWinners(STUDIOS));
        if (winnersBefore != null) {
            List<Tally> studios = tallies.values().stream().filter(t -> t.subject() == Subject.STUDIO).toList();
            firstWins(definition, studios, winnersBefore, alerts);
            boolean finished = definition.categories().stream().noneMatch(c -> winnersOf.apply(c.name()).isEmpty());
            records.add(previousWinnersAfter(definition, studios, finished, winnersBefore));
        }
        return new Evaluation(alerts, consulted, records);
    }

    /** The kind of {@link RecordReference#previousWinners} that first-win alerts use: studios and networks. */
    static final String STUDIOS = "studio";

    /**
     * Whether the list of previous winners covers every edition before this ceremony. Only then can absence from
     * it mean "never won"; a list that stops earlier, or says nothing about its completeness, proves nothing.
     */
    static boolean completeBefore(CeremonyDefinition definition, RecordReference winnersBefore) {
        return winnersBefore.completeThroughEdition() != null && definition.edition() > 0
                && winnersBefore.completeThroughEdition() >= definition.edition() - 1;
    }

    /** Without a history: the typed most-wins and most-nominations references, and the perfect-night rule. */
    private static void typedWorkRecords(CeremonyDefinition definition, Map<String, Tally> tallies,
                                         Function<String, RecordReference> baseline, List<RecordReference> records,
                                         Map<String, RecordAlert> alerts) {
        List<Tally> works = tallies.values().stream().filter(t -> t.subject() == Subject.WORK).toList();
        RecordReference mostWins = baseline.apply(RecordReference.MOST_WINS);
        if (mostWins != null) {
            for (Tally work : works) {
                mostWins(definition, work, mostWins, alerts);
            }
            records.add(mostWinsAfter(definition, works, mostWins));
        }
        RecordReference mostNominations = baseline.apply(RecordReference.MOST_NOMINATIONS);
        if (mostNominations != null) {
            for (Tally work : works) {
                mostNominations(definition, work, mostNominations, alerts);
            }
        }
        for (Tally work : works) {
            perfectNight(definition, work, alerts);
        }
    }

    private static void firstWins(CeremonyDefinition definition, List<Tally> studios, RecordReference winnersBefore,
                                  Map<String, RecordAlert> alerts) {
        if (!completeBefore(definition, winnersBefore)) {
            return;
        }
        for (Tally studio : studios) {
            if (studio.wins() > 0 && !listed(winnersBefore, studio.name())) {
                // No category in the headline or the facts: the alert stands as long as the studio has any win
                // here, so after a correction it must not name a category it no longer won.
                put(alerts, new RecordAlert(alertId(definition, "first-win", studio.name()), Kind.FIRST_WIN,
                        "FIRST EVER: " + studio.name() + " wins its first " + singular(awardName(definition))
                                + ", at the " + definition.title() + " (" + studiosBefore(winnersBefore) + ")",
                        studio.name(), null, 1, winnersBefore.key(), 0, List.of(), winnersBefore.source()));
            }
        }
    }

    /**
     * The list as this ceremony leaves it: its winning studios added, and complete through this edition once every
     * category is decided (and the list was complete before it), so the next edition can tell first wins too.
     */
    private static RecordReference previousWinnersAfter(CeremonyDefinition definition, List<Tally> studios,
                                                        boolean finished, RecordReference winnersBefore) {
        List<RecordHolder> holders = new ArrayList<>(winnersBefore.holders());
        studios.stream().filter(t -> t.wins() > 0 && !listed(winnersBefore, t.name()))
                .map(t -> holder(definition, t.name())).forEach(holders::add);
        Integer complete = finished && completeBefore(definition, winnersBefore)
                ? Integer.valueOf(Math.max(winnersBefore.completeThroughEdition(), definition.edition()))
                : winnersBefore.completeThroughEdition();
        if (holders.size() == winnersBefore.holders().size()
                && Objects.equals(complete, winnersBefore.completeThroughEdition())) {
            return winnersBefore;
        }
        return new RecordReference(winnersBefore.award(), winnersBefore.record(), holders.size(), holders,
                winnersBefore.source() + "; winners of the " + definition.title() + " added live", complete);
    }

    private static String studiosBefore(RecordReference winnersBefore) {
        int n = winnersBefore.holders().size();
        return n == 1 ? "1 studio or network had won before" : n + " studios and networks had won before";
    }

    /** Listed under any spelling of case or surrounding spaces: a near-match is no first win. */
    private static boolean listed(RecordReference winnersBefore, String name) {
        return winnersBefore.holders().stream().anyMatch(h -> h.name() != null && h.name().strip().equalsIgnoreCase(name.strip()));
    }

    /** "Academy Awards" -> "Academy Award", for "its first Academy Award". */
    static String singular(String awardName) {
        return awardName.endsWith("Awards") ? awardName.substring(0, awardName.length() - 1) : awardName;
    }

    private static void mostWins(CeremonyDefinition definition, Tally work, RecordReference reference,
                                 Map<String, RecordAlert> alerts) {
        String previous = reference.value() + " (" + holders(reference) + ")";
        if (work.wins() >= reference.value() && reference.value() > 0) {
            put(alerts, alert(alertId(definition, "most-wins-tied", work.name()), Kind.RECORD_TIED,
                    "RECORD TIED: " + work.name() + " has " + reference.value() + " wins at the " + definition.title()
                            + ", equalling the record for one work: " + previous,
                    work.name(), null, reference.value(), reference));
        }
        if (work.wins() > reference.value()) {
            put(alerts, alert(alertId(definition, "most-wins-broken", work.name()), Kind.RECORD_BROKEN,
                    "RECORD BROKEN: " + work.name() + " wins " + (reference.value() + 1) + " at the "
                            + definition.title() + ", the most ever for one work. Previous record: " + previous,
                    work.name(), null, reference.value() + 1, reference));
        }
    }

    /** Nominations are known when the definition loads: the record news comes before the show starts. */
    private static void mostNominations(CeremonyDefinition definition, Tally work, RecordReference reference,
                                        Map<String, RecordAlert> alerts) {
        String previous = reference.value() + " (" + holders(reference) + ")";
        if (work.nominations() == reference.value()) {
            put(alerts, alert(alertId(definition, "most-nominations-tied", work.name()), Kind.RECORD_TIED,
                    "RECORD TIED: " + work.name() + " has " + work.nominations() + " nominations at the "
                            + definition.title() + ", equalling the record for one work: " + previous,
                    work.name(), null, work.nominations(), reference));
        } else if (work.nominations() > reference.value()) {
            put(alerts, alert(alertId(definition, "most-nominations-broken", work.name()), Kind.RECORD_BROKEN,
                    "RECORD BROKEN: " + work.name() + " has " + work.nominations() + " nominations at the "
                            + definition.title() + ", the most ever for one work. Previous record: " + previous,
                    work.name(), null, work.nominations(), reference));
        }
    }

    /** The record as this ceremony leaves it: beaten, shared, or (after a correction) back to its baseline. */
    private static RecordReference mostWinsAfter(CeremonyDefinition definition, List<Tally> works,
                                                 RecordReference reference) {
        int best = works.stream().mapToInt(Tally::wins).max().orElse(0);
        if (best < reference.value()) {
            return reference;
        }
        List<RecordHolder> holders = new ArrayList<>(best == reference.value() ? reference.holders() : List.of());
        works.stream().filter(t -> t.wins() == best).map(t -> holder(definition, t.name()))
                .filter(h -> holders.stream().noneMatch(x -> x.name().equals(h.name())))
                .forEach(holders::add);
        return new RecordReference(reference.award(), reference.record(), best, holders,
                "Set live at the " + definition.title());
    }

    private static void perfectNight(CeremonyDefinition definition, Tally work, Map<String, RecordAlert> alerts) {
        if (work.nominations() >= PERFECT_NIGHT_MIN_NOMINATIONS && work.wins() == work.nominations()) {
            put(alerts, new RecordAlert(alertId(definition, "perfect-night", work.name()), Kind.PERFECT_NIGHT,
                    "PERFECT NIGHT: " + work.name() + " wins all " + work.nominations() + " of its "
                            + work.nominations() + " nominations at the " + definition.title(),
                    work.name(), null, work.wins(), null, null, List.of(), null));
        }
    }

    /**
     * A winner's age at the ceremony: whole years, total days, and the days past the last birthday (for the
     * headline: "32 years 38 days").
     */
    private record Aged(String person, int years, long days, long daysPastBirthday) {}

    private static List<Aged> agedWinners(CeremonyDefinition definition, Category category, List<Winner> winners) {
        if (definition.date() == null) {
            return List.of();
        }
        List<Aged> aged = new ArrayList<>();
        for (Winner winner : winners) {
            Optional<Nominee> nominee = category.nominee(winner.nominee());
            for (Person person : nominee.map(Nominee::people).orElse(List.of())) {
                if (person.birthDate() != null) {
                    int years = Period.between(person.birthDate(), definition.date()).getYears();
                    aged.add(new Aged(person.name(), years, ChronoUnit.DAYS.between(person.birthDate(), definition.date()),
                            ChronoUnit.DAYS.between(person.birthDate().plusYears(years), definition.date())));
                }
            }
        }
        return aged;
    }

    /**
     * The record's age in days, when every holder has it (a record shared by two people of the same whole years can
     * differ in days: the youngest record is then the smaller). Null when one holder's days are unknown: then only
     * whole years can be compared, and only a strictly different number of years counts.
     */
    static Long referenceDays(RecordReference reference, boolean youngest) {
        if (reference.holders().isEmpty() || reference.holders().stream().anyMatch(h -> h.ageDays() == null)) {
            return null;
        }
        IntStream days = reference.holders().stream().mapToInt(RecordHolder::ageDays);
        return (long) (youngest ? days.min() : days.max()).orElseThrow();
    }

    private static boolean beats(Aged aged, RecordReference reference, Long referenceDays, boolean youngest) {
        if (referenceDays != null) {
            return youngest ? aged.days() < referenceDays : aged.days() > referenceDays;
        }
        return youngest ? aged.years() < reference.value() : aged.years() > reference.value();
    }

    private static RecordReference ageRecordAfter(CeremonyDefinition definition, String category, List<Aged> aged,
                                                  boolean youngest, RecordReference reference,
                                                  Map<String, RecordAlert> alerts) {
        Long referenceDays = referenceDays(reference, youngest);
        Comparator<Aged> byAge = Comparator.comparingLong(Aged::days);
        Aged extreme = youngest ? aged.stream().min(byAge).orElseThrow() : aged.stream().max(byAge).orElseThrow();
        for (Aged a : aged) {
            if (beats(a, reference, referenceDays, youngest)) {
                String word = youngest ? "youngest" : "oldest";
                String previous = holders(reference) + " at " + reference.value();
                String age = String.valueOf(a.years());
                if (a.years() == reference.value()) {
                    // Same whole years: only the days decide, so the headline says them instead of "32 ... at 32".
                    // The holder's days past the birthday can't be told from total days without the birth date;
                    // the difference in days can, exactly.
                    age = a.years() + " years " + a.daysPastBirthday() + (a.daysPastBirthday() == 1 ? " day" : " days");
                    long margin = Math.abs(referenceDays - a.days());
                    previous += ", " + margin + (margin == 1 ? " day " : " days ") + (youngest ? "older" : "younger");
                }
                put(alerts, alert(alertId(definition, word + "-winner", category + ":" + a.person()),
                        youngest ? Kind.YOUNGEST_WINNER : Kind.OLDEST_WINNER,
                        (youngest ? "YOUNGEST EVER: " : "OLDEST EVER: ") + a.person() + ", " + age + ", is the "
                                + word + " " + category + " winner in " + awardName(definition) + " history. Previous: "
                                + previous,
                        a.person(), category, a.years(), reference));
            }
        }
        if (!beats(extreme, reference, referenceDays, youngest)) {
            return reference;
        }
        // Written back with the new holder's days, so the next ceremony compares to the day as well.
        RecordHolder holder = holder(definition, extreme.person());
        return new RecordReference(reference.award(), reference.record(), extreme.years(),
                List.of(new RecordHolder(holder.name(), holder.year(), holder.ceremony(), Math.toIntExact(extreme.days()))),
                "Set live at the " + definition.title());
    }

    private static void put(Map<String, RecordAlert> alerts, RecordAlert alert) {
        alerts.put(alert.alertId(), alert);
    }

    private static RecordAlert alert(String id, Kind kind, String headline, String subject, String category, int value,
                                     RecordReference reference) {
        return new RecordAlert(id, kind, headline, subject, category, value, reference.key(), reference.value(),
                reference.holders(), reference.source());
    }

    private static RecordHolder holder(CeremonyDefinition definition, String name) {
        return new RecordHolder(name, definition.date() == null ? null : definition.date().getYear(), definition.id());
    }

    /** Stable: the same ceremony, kind and subject always give the same id, however often it is computed. */
    static String alertId(CeremonyDefinition definition, String kind, String subject) {
        return definition.id() + ":" + kind + ":" + subject;
    }

    private static String holders(RecordReference reference) {
        return reference.holders().stream()
                .map(h -> h.year() == null ? h.name() : h.name() + ", " + h.year())
                .collect(Collectors.joining("; "));
    }

    /** "74th Golden Globe Awards" -> "Golden Globe Awards": the title without its ordinal. */
    static String awardName(CeremonyDefinition definition) {
        return ORDINAL.matcher(definition.title()).replaceFirst("");
    }

    private static final Pattern ORDINAL = Pattern.compile("^\\d+(st|nd|rd|th)\\s+");
}
