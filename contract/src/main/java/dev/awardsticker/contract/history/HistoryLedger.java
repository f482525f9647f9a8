package dev.awardsticker.contract.history;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.NominationCounts.Count;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.TallyUpdated.Subject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * An award's all-time state, folded ceremony by ceremony in edition order from {@link CeremonyResults}: every film's,
 * person's and company's competitive counts (by id) and the records they set, each with its holders over time. A
 * pure function of the ceremonies folded in, so the importer (from the data file) and ingest (from the
 * {@code award-history} topic) derive the same {@link HistoryBefore} for a ceremony.
 *
 * <p>Film records count one ceremony (most wins, most nominations, most nominations without a win, most
 * nominations all won); person records count a career (most wins and nominations, overall and in acting, most
 * nominations without a win, most nominations before a first win). Non-competitive awards count toward none.
 */
public final class HistoryLedger {
    public static final String MOST_WINS = RecordReference.MOST_WINS;
    public static final String MOST_NOMINATIONS = RecordReference.MOST_NOMINATIONS;
    public static final String WORK_WITHOUT_WIN = "most-nominations-without-win-single-work";
    public static final String CLEAN_SWEEP = "most-nominations-all-won-single-work";
    public static final String PERSON_WINS = "most-wins:person";
    public static final String PERSON_NOMINATIONS = "most-nominations:person";
    public static final String ACTING_WINS = "most-wins:person:acting";
    public static final String ACTING_NOMINATIONS = "most-nominations:person:acting";
    public static final String PERSON_WITHOUT_WIN = "most-nominations-without-win:person";
    public static final String BEFORE_FIRST_WIN = "most-nominations-before-first-win:person";
    /** Every record the fold derives, in the order views list them. */
    public static final List<String> RECORDS = List.of(MOST_WINS, MOST_NOMINATIONS, WORK_WITHOUT_WIN, CLEAN_SWEEP,
            PERSON_WINS, PERSON_NOMINATIONS, ACTING_WINS, ACTING_NOMINATIONS, PERSON_WITHOUT_WIN, BEFORE_FIRST_WIN);

    /**
     * A subject's all-time counts. {@code firstWinAfter}: nominations it had before its first win (null: no win
     * yet); {@code firstNominated}/{@code lastNominated}: ceremony ids.
     */
    public record Career(String id, Subject subject, String name, int wins, int nominations, int actingWins,
                         int actingNominations, int honorary, int ceremonies, String firstNominated,
                         String lastNominated, Integer firstWinAfter) {
        Career plus(Count count, String ceremony) {
            Integer firstWin = firstWinAfter == null && count.wins() > 0 ? Integer.valueOf(nominations) : firstWinAfter;
            return new Career(id, subject, count.name(), wins + count.wins(), nominations + count.nominations(),
                    actingWins + count.actingWins(), actingNominations + count.actingNominations(),
                    honorary + count.honorary(), ceremonies + 1, firstNominated == null ? ceremony : firstNominated,
                    ceremony, firstWin);
        }

        static Career none(Count count) {
            return new Career(count.id(), count.subject(), count.name(), 0, 0, 0, 0, 0, 0, null, null, null);
        }
    }

    private final String award;
    private int throughEdition;
    private int ceremonies;
    private final Map<String, Career> careers = new LinkedHashMap<>();
    private final Map<String, List<RecordReference>> timelines = new LinkedHashMap<>();
    private final List<LeftOut> leftOut = new ArrayList<>();
    private String lastCeremony;

    public HistoryLedger(String award) {
        this.award = award;
    }

    /**
     * The ledger of {@code results} (any order) folded up to, not including, {@code beforeEdition}. An edition
     * claimed by two ceremonies (a rehearsal replayed under another id, a ceremony re-posted under a new one) is
     * folded once, from the ceremony whose id sorts first: whoever folds the same ceremonies gets the same history.
     * The others are {@link #leftOut()}, for an operator to remove or renumber.
     */
    public static HistoryLedger of(String award, Collection<CeremonyResults> results, int beforeEdition) {
        HistoryLedger ledger = new HistoryLedger(award);
        results.stream().filter(r -> r.definition().edition() < beforeEdition)
                .sorted(Comparator.comparingInt((CeremonyResults r) -> r.definition().edition())
                        .thenComparing(r -> r.definition().id()))
                .forEach(r -> {
                    if (r.definition().edition() == ledger.throughEdition && ledger.ceremonies > 0) {
                        ledger.leftOut.add(new LeftOut(r.definition().id(), r.definition().edition(),
                                ledger.lastCeremony));
                    } else {
                        ledger.add(r);
                    }
                });
        return ledger;
    }

    /** A ceremony not folded because {@code heldBy}, folded before it, has the same edition. */
    public record LeftOut(String ceremony, int edition, String heldBy) {
        /** What an operator reads: what happened and what to do. */
        public String describe(String award) {
            return ceremony + " is left out of the " + award + " history: its edition " + edition + " is already "
                    + heldBy + "'s. Give it its own edition (post its definition again), or remove it from "
                    + "award-history (a tombstone for key " + award + "|" + ceremony + ")";
        }
    }

    /** Ceremonies {@link #of} did not fold, each with the one holding its edition. */
    public List<LeftOut> leftOut() {
        return List.copyOf(leftOut);
    }

    public String award() {
        return award;
    }

    public int throughEdition() {
        return throughEdition;
    }

    public int ceremonies() {
        return ceremonies;
    }

    /** Folds in the next ceremony; editions must come in increasing order (a history is not rewritten). */
    public void add(CeremonyResults results) {
        CeremonyDefinition definition = results.definition();
        if (!award.equals(definition.award())) {
            throw new IllegalArgumentException(definition.id() + " is of award " + definition.award() + ", not " + award);
        }
        if (definition.edition() <= throughEdition) {
            throw new IllegalArgumentException(definition.id() + " (edition " + definition.edition()
                    + ") comes after edition " + throughEdition + ": fold a history in edition order");
        }
        Map<String, Count> counts = NominationCounts.of(definition, results::winnersOf);
        List<Count> works = counts.values().stream().filter(c -> c.subject() == Subject.WORK && c.nominations() > 0)
                .toList();
        raise(definition, MOST_WINS, works, Count::wins);
        raise(definition, MOST_NOMINATIONS, works, Count::nominations);
        raise(definition, WORK_WITHOUT_WIN, works.stream().filter(Count::lostAll).toList(), Count::nominations);
        raise(definition, CLEAN_SWEEP, works.stream().filter(c -> c.wins() == c.nominations()).toList(),
                Count::nominations);

        List<Career> people = new ArrayList<>();
        List<Career> firstWins = new ArrayList<>();
        for (Count count : counts.values()) {
            Career before = careers.getOrDefault(count.id(), Career.none(count));
            Career after = before.plus(count, definition.id());
            careers.put(count.id(), after);
            if (count.subject() == Subject.PERSON && count.nominations() > 0) {
                people.add(after);
                if (before.firstWinAfter() == null && after.firstWinAfter() != null) {
                    firstWins.add(after);
                }
            }
        }
        raiseCareers(definition, PERSON_WINS, people, Career::wins);
        raiseCareers(definition, PERSON_NOMINATIONS, people, Career::nominations);
        raiseCareers(definition, ACTING_WINS, people, Career::actingWins);
        raiseCareers(definition, ACTING_NOMINATIONS, people, Career::actingNominations);
        raiseCareers(definition, PERSON_WITHOUT_WIN, people.stream().filter(c -> c.wins() == 0).toList(),
                Career::nominations);
        raiseCareers(definition, BEFORE_FIRST_WIN, firstWins, Career::firstWinAfter);
        throughEdition = definition.edition();
        lastCeremony = definition.id();
        ceremonies++;
    }

    /** The history as it stands now, for {@code next} (a later ceremony): records and its nominees' prior counts. */
    public HistoryBefore before(CeremonyDefinition next) {
        List<HistoryBefore.Prior> priors = new ArrayList<>();
        for (Count count : NominationCounts.of(next, category -> List.of()).values()) {
            Career career = careers.get(count.id());
            if (career != null) {
                priors.add(new HistoryBefore.Prior(career.id(), career.subject(), career.name(), career.wins(),
                        career.nominations(), career.actingWins(), career.actingNominations(), career.honorary()));
            }
        }
        return new HistoryBefore(award, throughEdition, ceremonies, List.copyOf(records().values()), priors);
    }

    /** Each record as it stands, by record name, in {@link #RECORDS} order. */
    public Map<String, RecordReference> records() {
        Map<String, RecordReference> records = new LinkedHashMap<>();
        for (String record : RECORDS) {
            List<RecordReference> timeline = timelines.get(record);
            if (timeline != null) {
                records.put(record, timeline.get(timeline.size() - 1));
            }
        }
        return records;
    }

    /** Every value the record took, oldest first, each with its holders and where each set it. */
    public List<RecordReference> timeline(String record) {
        return List.copyOf(timelines.getOrDefault(record, List.of()));
    }

    public Optional<Career> career(String id) {
        return Optional.ofNullable(careers.get(id));
    }

    /** Careers whose name contains {@code text} (case ignored), most nominations first. */
    public List<Career> find(String text) {
        String wanted = text.toLowerCase(java.util.Locale.ROOT);
        return careers.values().stream().filter(c -> c.name() != null && c.name().toLowerCase(java.util.Locale.ROOT)
                        .contains(wanted))
                .sorted(Comparator.comparingInt(Career::nominations).reversed().thenComparing(Career::id)).toList();
    }

    private void raise(CeremonyDefinition definition, String record, List<Count> candidates, ToIntFunction<Count> value) {
        raiseAll(definition, record, candidates.stream().map(c -> new Candidate(c.id(), c.name(), value.applyAsInt(c)))
                .toList());
    }

    private void raiseCareers(CeremonyDefinition definition, String record, List<Career> candidates,
                              ToIntFunction<Career> value) {
        raiseAll(definition, record, candidates.stream().map(c -> new Candidate(c.id(), c.name(), value.applyAsInt(c)))
                .toList());
    }

    private record Candidate(String id, String name, int value) {}

    /** The record after this ceremony: beaten (new holders), equalled (holders added) or unchanged. */
    private void raiseAll(CeremonyDefinition definition, String record, List<Candidate> candidates) {
        int best = candidates.stream().mapToInt(Candidate::value).max().orElse(0);
        if (best <= 0) {
            return;
        }
        List<RecordReference> timeline = timelines.computeIfAbsent(record, r -> new ArrayList<>());
        RecordReference current = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1);
        if (current != null && best < current.value()) {
            return;
        }
        List<RecordHolder> holders = new ArrayList<>(current != null && best == current.value() ? current.holders()
                : List.of());
        Integer year = definition.date() == null ? null : definition.date().getYear();
        candidates.stream().filter(c -> c.value() == best)
                .filter(c -> holders.stream().noneMatch(h -> c.id().equals(h.id())))
                .forEach(c -> holders.add(new RecordHolder(c.name(), year, definition.id(), null, c.id())));
        if (current != null && best == current.value() && holders.size() == current.holders().size()) {
            return; // equalled by no one new
        }
        timeline.add(new RecordReference(award, record, best, holders, "derived from the " + award
                + " nominations history; set at the " + definition.title()));
    }

    /** 1 -> "1st", 22 -> "22nd", 113 -> "113th": how ceremonies are named. */
    public static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
