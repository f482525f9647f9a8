package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.streams.leaderboard.Leaderboards;
import dev.awardsticker.streams.record.RecordRules;
import dev.awardsticker.streams.tally.Tallies;
import dev.awardsticker.streams.tally.Tally;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of a ceremony as pure functions: (state, event) -> outcome. No Kafka here, so every rule is
 * unit-testable; the processor only loads state, calls these, numbers the changes and writes the results.
 */
public final class CeremonyLedger {
    private CeremonyLedger() {}

    /**
     * @param state      the state to keep (unchanged when rejected)
     * @param changes    what to publish, in order, before sequence numbers are assigned
     * @param newRecords reference records this event changed
     * @param leaderboard the ceremony's standing when this event changed it (position not yet stamped)
     * @param rejection  why the event changed nothing, if it was refused
     * @param tallies    the tallies of {@code state} (what {@link #tallies} gives), so that the next event need not
     *                   derive them again; null when the event was refused and none were given
     */
    public record Outcome(CeremonyState state, List<Change> changes, List<RecordReference> newRecords,
                          Optional<Leaderboard> leaderboard, Optional<String> rejection, Map<String, Tally> tallies) {
        static Outcome rejected(CeremonyState state, Map<String, Tally> tallies, String reason) {
            return new Outcome(state, List.of(), List.of(), Optional.empty(), Optional.of(reason), tallies);
        }
    }

    /**
     * A definition arrives, first or as a late fix: publish it, every tally it changed, and the nominations
     * records it sets (or, after a fix, no longer sets).
     */
    public static Outcome define(CeremonyState state, CeremonyDefinition definition, long timestamp,
                                 Function<String, RecordReference> liveRecords) {
        return define(state, null, definition, timestamp, liveRecords);
    }

    /**
     * As {@link #define(CeremonyState, CeremonyDefinition, long, Function)}, with {@code state}'s tallies when the
     * caller has them from the previous outcome (null: derived here).
     */
    public static Outcome define(CeremonyState state, Map<String, Tally> talliesOfState, CeremonyDefinition definition,
                                 long timestamp, Function<String, RecordReference> liveRecords) {
        CeremonyState before = state != null ? state : CeremonyState.start(definition, timestamp);
        CeremonyState after = before.withDefinition(definition);
        List<Change> changes = new ArrayList<>();
        changes.add(new CeremonyDefined(definition));
        String cause = "; the definition of " + definition.id() + " changed";
        return finish(state, talliesOfState, after, changes, cause, liveRecords);
    }

    /** Applies any editor event; refused (with the reason) when it does not fit the ceremony as it stands. */
    public static Outcome apply(CeremonyState state, EditorEvent event, Function<String, RecordReference> liveRecords) {
        return apply(state, null, event, liveRecords);
    }

    /**
     * As {@link #apply(CeremonyState, EditorEvent, Function)}, with {@code state}'s tallies when the caller has them
     * from the previous outcome (null: derived here). They are a pure function of the state, so this only saves time.
     */
    public static Outcome apply(CeremonyState state, Map<String, Tally> talliesOfState, EditorEvent event,
                                Function<String, RecordReference> liveRecords) {
        if (state == null) {
            return Outcome.rejected(null, null, "ceremony '" + event.ceremony() + "' is not defined");
        }
        Optional<Category> category = state.definition().category(event.category());
        if (category.isEmpty()) {
            return Outcome.rejected(state, talliesOfState,
                    "category '" + event.category() + "' is not in " + state.definition().id());
        }
        if (event instanceof WinAnnounced win) {
            return announce(state, talliesOfState, category.get(), win, liveRecords);
        } else if (event instanceof WinRetracted retraction) {
            return correct(state, talliesOfState, category.get(), retraction.nominee(), null, retraction.reason(),
                    retraction.editor(), liveRecords);
        } else {
            WinCorrected correction = (WinCorrected) event;
            return correct(state, talliesOfState, category.get(), correction.nominee(), correction.correctNominee(),
                    correction.reason(), correction.editor(), liveRecords);
        }
    }

    /**
     * A win is announced. Refused when the nominee is not in the category, or when the category is already
     * decided and the win is not marked as a tie.
     */
    private static Outcome announce(CeremonyState state, Map<String, Tally> talliesOfState, Category category,
                                    WinAnnounced win, Function<String, RecordReference> liveRecords) {
        Optional<Nominee> nominee = category.nominee(win.nominee());
        if (nominee.isEmpty()) {
            return Outcome.rejected(state, talliesOfState, "'" + win.nominee() + "' is not nominated in '" + win.category() + "'");
        }
        List<Winner> current = state.winnersOf(win.category());
        if (current.stream().anyMatch(w -> w.nominee().equals(win.nominee()))) {
            return Outcome.rejected(state, talliesOfState, "'" + win.nominee() + "' is already the winner of '" + win.category() + "'");
        }
        if (!current.isEmpty() && !win.tie()) {
            return Outcome.rejected(state, talliesOfState, "'" + win.category() + "' is already decided ("
                    + current.get(0).nominee() + "); mark the win as a tie or send a correction");
        }
        List<Winner> winners = new ArrayList<>(current);
        winners.add(new Winner(win.nominee(), win.eventId(), win.tie(), win.editor()));
        CeremonyState after = withCategoryWinners(state, win.category(), winners);
        List<Change> changes = new ArrayList<>();
        changes.add(declared(after, nominee.get(), win.category(), win.tie(), win.editor()));
        return finish(state, talliesOfState, after, changes, "", liveRecords);
    }

    /**
     * A recorded winner is taken back ({@code correctNominee} null) or replaced. Refused when {@code nominee}
     * is not a recorded winner, or the replacement is not nominated or already a winner.
     */
    private static Outcome correct(CeremonyState state, Map<String, Tally> talliesOfState, Category category,
                                   String nominee, String correctNominee, String reason, String editor,
                                   Function<String, RecordReference> liveRecords) {
        List<Winner> current = state.winnersOf(category.name());
        if (current.stream().noneMatch(w -> w.nominee().equals(nominee))) {
            return Outcome.rejected(state, talliesOfState, "'" + nominee + "' is not a recorded winner of '" + category.name()
                    + "'" + (current.isEmpty() ? " (no winner yet)" : " (recorded: " + current.get(0).nominee() + ")"));
        }
        Optional<Nominee> replacement = Optional.empty();
        if (correctNominee != null) {
            replacement = category.nominee(correctNominee);
            if (replacement.isEmpty()) {
                return Outcome.rejected(state, talliesOfState, "'" + correctNominee + "' is not nominated in '" + category.name() + "'");
            }
            if (current.stream().anyMatch(w -> w.nominee().equals(correctNominee))) {
                return Outcome.rejected(state, talliesOfState, "'" + correctNominee + "' is already a winner of '" + category.name() + "'");
            }
        }
        List<Winner> winners = new ArrayList<>(current);
        Winner wrong = winners.stream().filter(w -> w.nominee().equals(nominee)).findFirst().orElseThrow();
        int at = winners.indexOf(wrong);
        winners.remove(at);
        replacement.ifPresent(r -> winners.add(at, new Winner(r.name(), null, wrong.tie(), editor)));
        CeremonyState after = withCategoryWinners(state, category.name(), winners);

        String why = reason == null || reason.isBlank() ? (correctNominee == null ? "retracted" : "corrected") : reason;
        Nominee withdrawn = category.nominee(nominee).orElseThrow();
        List<Change> changes = new ArrayList<>();
        changes.add(new WinnerWithdrawn(category.name(), nominee, withdrawn.work(), why, editor,
                after.decided(), state.definition().categories().size()));
        replacement.ifPresent(r -> changes.add(declared(after, r, category.name(), wrong.tie(), editor)));
        String cause = "; it rested on " + nominee + " winning " + category.name() + ", which was " + why;
        return finish(state, talliesOfState, after, changes, cause, liveRecords);
    }

    /**
     * Common tail of every change: the tallies it moved, and the alerts that went up or came down.
     * {@code before} is null for a ceremony's first definition; {@code talliesBefore} are its tallies if known.
     */
    private static Outcome finish(CeremonyState before, Map<String, Tally> talliesBefore, CeremonyState after,
                                  List<Change> changes, String cause, Function<String, RecordReference> liveRecords) {
        Map<String, Tally> tallyBefore = before == null ? Map.of()
                : talliesBefore != null ? talliesBefore : tallies(before);
        Map<String, Tally> tallyAfter = tallies(after);
        changes.addAll(Tallies.changes(tallyBefore, tallyAfter));
        // Published only when it moved: a rejected or no-op event must not wake every leaderboard reader.
        Leaderboard board = Leaderboards.of(after.definition(), after::winnersOf, tallyAfter);
        Optional<Leaderboard> boardChanged = before != null
                && board.equals(Leaderboards.of(before.definition(), before::winnersOf, tallyBefore))
                ? Optional.empty() : Optional.of(board);
        RecordRules.Evaluation evaluation = RecordRules.evaluate(after.definition(), tallyAfter, after::winnersOf,
                after.baselines(), liveRecords);
        Map<String, String> standing = new LinkedHashMap<>();
        after.alerts().forEach((id, headline) -> {
            if (evaluation.alerts().containsKey(id)) {
                standing.put(id, headline);
            } else {
                changes.add(new AlertWithdrawn(id, headline, "no longer true" + cause));
            }
        });
        for (RecordAlert alert : evaluation.alerts().values()) {
            if (!standing.containsKey(alert.alertId())) {
                changes.add(alert);
                standing.put(alert.alertId(), alert.headline());
            }
        }
        Map<String, RecordReference> baselines = new LinkedHashMap<>(after.baselines());
        baselines.putAll(evaluation.consulted());
        return new Outcome(after.withAlerts(standing).withBaselines(baselines), changes, evaluation.records(),
                boardChanged, Optional.empty(), tallyAfter);
    }

    private static WinnerDeclared declared(CeremonyState after, Nominee nominee, String category, boolean tie,
                                           String editor) {
        return new WinnerDeclared(category, nominee.name(), nominee.work(),
                nominee.people().stream().map(Person::name).toList(), nominee.studio(), tie, editor, after.decided(),
                after.definition().categories().size());
    }

    private static CeremonyState withCategoryWinners(CeremonyState state, String category, List<Winner> winners) {
        Map<String, List<Winner>> all = new LinkedHashMap<>(state.winners());
        if (winners.isEmpty()) {
            all.remove(category);
        } else {
            all.put(category, List.copyOf(winners));
        }
        return state.withWinners(all);
    }

    public static Map<String, Tally> tallies(CeremonyState state) {
        return Tallies.of(state.definition(), state::winnersOf);
    }
}
