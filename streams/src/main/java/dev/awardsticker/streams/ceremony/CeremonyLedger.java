package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.streams.leaderboard.LeaderboardDelta;
import dev.awardsticker.streams.leaderboard.Leaderboards;
import dev.awardsticker.streams.record.RecordRules;
import dev.awardsticker.streams.tally.Tallies;
import dev.awardsticker.streams.tally.Tally;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of a ceremony as pure functions: (state, command) -> outcome. No Kafka here, so every rule is
 * unit-testable; the processor only loads state, calls these, numbers the outcome and writes it.
 *
 * <p>An outcome's changes are the whole consequence of one command, in the contract's order: the definition or
 * the winner withdrawn/declared, every tally that moved, the standing's delta, alerts withdrawn, alerts raised,
 * reference records as the command leaves them.
 */
public final class CeremonyLedger {
    private CeremonyLedger() {}

    public enum Result { CHANGED, UNCHANGED, REJECTED }

    /**
     * @param state   the state to keep (the one given when not {@link Result#CHANGED}); its lastSeq is not advanced
     * @param changes what to publish as one update, in order (empty unless {@link Result#CHANGED})
     * @param reason  why the command was refused ({@link Result#REJECTED}), else null
     * @param tallies the tallies of {@code state}, so that the next command need not derive them again; null when
     *                not known
     */
    public record Outcome(Result result, CeremonyState state, List<Change> changes, String reason,
                          Map<String, Tally> tallies) {
        public Outcome {
            changes = List.copyOf(changes);
        }

        static Outcome rejected(CeremonyState state, Map<String, Tally> tallies, String reason) {
            return new Outcome(Result.REJECTED, state, List.of(), reason, tallies);
        }
    }

    /**
     * A definition arrives, first or as a late fix: publish it, every tally it changed, and the nominations
     * records it sets (or, after a fix, no longer sets). The definition already held changes nothing.
     *
     * @param talliesOfState {@code state}'s tallies when the caller has them from the previous outcome (null:
     *                       derived here; they are a pure function of the state, so this only saves time)
     * @param history        the award's history before the ceremony, as the command carried it (null: none)
     * @param epoch          the epoch of a ceremony defined for the first time
     */
    public static Outcome define(CeremonyState state, Map<String, Tally> talliesOfState, CeremonyDefinition definition,
                                 HistoryBefore history, long epoch, Function<String, RecordReference> liveRecords) {
        if (state != null && state.definition().equals(definition) && Objects.equals(state.history(), history)) {
            return new Outcome(Result.UNCHANGED, state, List.of(), null, talliesOfState);
        }
        CeremonyState held = state != null ? state : CeremonyState.start(definition, epoch);
        // The very objects held when equal: the store rewrites what is a new object only.
        CeremonyState after = held.withDefinition(held.definition().equals(definition) ? held.definition() : definition)
                .withHistory(Objects.equals(held.history(), history) ? held.history() : history);
        List<Change> changes = new ArrayList<>();
        changes.add(new CeremonyDefined(definition));
        return finish(state, talliesOfState, after, changes, "; the definition of " + definition.id() + " changed",
                liveRecords);
    }

    /** {@link #define} without a history. */
    public static Outcome define(CeremonyState state, Map<String, Tally> talliesOfState, CeremonyDefinition definition,
                                 long epoch, Function<String, RecordReference> liveRecords) {
        return define(state, talliesOfState, definition, null, epoch, liveRecords);
    }

    /**
     * A finished ceremony from an archive, whole: defined and every winner declared in order, published as one update
     * judged as the ceremony then stands (the alerts of its last win, none of the watches that came and went on the
     * night). A ceremony held with exactly these results is unchanged; held with others (defined live, corrected
     * since), refused: corrections go through the editors' events. A win that does not fit refuses the whole import,
     * naming it, so a ceremony is never imported in part.
     */
    public static Outcome imported(CeremonyState state, Map<String, Tally> talliesOfState, CeremonyImported command,
                                   long epoch, Function<String, RecordReference> liveRecords) {
        CeremonyDefinition definition = command.definition();
        CeremonyState after = CeremonyState.start(definition, epoch).withHistory(command.history());
        List<Change> changes = new ArrayList<>();
        changes.add(new CeremonyDefined(definition));
        int order = 0;
        for (CeremonyImported.Win win : command.winners()) {
            order++;
            Optional<Category> category = definition.category(win.category());
            String refused = category.isEmpty() ? "category '" + win.category() + "' is not in " + definition.id()
                    : refusal(after, category.get(), win.nominee(), win.tie());
            if (refused != null) {
                return Outcome.rejected(state, talliesOfState, "win " + order + " of " + command.winners().size()
                        + " does not fit, so nothing of the ceremony was imported: " + refused);
            }
            List<Winner> winners = new ArrayList<>(after.winnersOf(win.category()));
            winners.add(new Winner(win.nominee(), command.eventId(), win.tie(), command.editor()));
            after = withCategoryWinners(after, win.category(), winners);
            changes.add(declared(after, category.get().nominee(win.nominee()).orElseThrow(), win.category(), win.tie(),
                    command.editor()));
        }
        if (state != null) {
            boolean same = state.definition().equals(definition) && Objects.equals(state.history(), command.history())
                    && nominees(state).equals(nominees(after));
            return same ? new Outcome(Result.UNCHANGED, state, List.of(), null, talliesOfState)
                    : Outcome.rejected(state, talliesOfState, "ceremony '" + command.ceremony() + "' is already in the"
                    + " ticker with other results or another definition; an import never overwrites a ceremony:"
                    + " correct it with WinCorrected or WinRetracted events, or post its definition");
        }
        return finish(null, null, after, changes, "", liveRecords);
    }

    /** Category -> its winners' names, in order: what two results are compared by. */
    private static Map<String, List<String>> nominees(CeremonyState state) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        state.winners().forEach((category, winners) -> names.put(category,
                winners.stream().map(Winner::nominee).toList()));
        return names;
    }

    /** Applies an editor event; refused (with the reason) when it does not fit the ceremony as it stands. */
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
        String refused = refusal(state, category, win.nominee(), win.tie());
        if (refused != null) {
            return Outcome.rejected(state, talliesOfState, refused);
        }
        List<Winner> winners = new ArrayList<>(state.winnersOf(win.category()));
        winners.add(new Winner(win.nominee(), win.eventId(), win.tie(), win.editor()));
        CeremonyState after = withCategoryWinners(state, win.category(), winners);
        List<Change> changes = new ArrayList<>();
        changes.add(declared(after, category.nominee(win.nominee()).orElseThrow(), win.category(), win.tie(),
                win.editor()));
        return finish(state, talliesOfState, after, changes, "", liveRecords);
    }

    /** Why {@code nominee} can't win {@code category} as the ceremony stands, or null when it can. */
    private static String refusal(CeremonyState state, Category category, String nominee, boolean tie) {
        if (category.nominee(nominee).isEmpty()) {
            return "'" + nominee + "' is not nominated in '" + category.name() + "'";
        }
        List<Winner> current = state.winnersOf(category.name());
        if (current.stream().anyMatch(w -> w.nominee().equals(nominee))) {
            return "'" + nominee + "' is already the winner of '" + category.name() + "'";
        }
        if (!current.isEmpty() && !tie) {
            return "'" + category.name() + "' is already decided (" + current.get(0).nominee()
                    + "); mark the win as a tie or send a correction";
        }
        return null;
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
            return Outcome.rejected(state, talliesOfState, "'" + nominee + "' is not a recorded winner of '"
                    + category.name() + "'" + (current.isEmpty() ? " (no winner yet)"
                    : " (recorded: " + current.get(0).nominee() + ")"));
        }
        Optional<Nominee> replacement = Optional.empty();
        if (correctNominee != null) {
            replacement = category.nominee(correctNominee);
            if (replacement.isEmpty()) {
                return Outcome.rejected(state, talliesOfState,
                        "'" + correctNominee + "' is not nominated in '" + category.name() + "'");
            }
            if (current.stream().anyMatch(w -> w.nominee().equals(correctNominee))) {
                return Outcome.rejected(state, talliesOfState,
                        "'" + correctNominee + "' is already a winner of '" + category.name() + "'");
            }
        }
        List<Winner> winners = new ArrayList<>(current);
        Winner wrong = winners.stream().filter(w -> w.nominee().equals(nominee)).findFirst().orElseThrow();
        int at = winners.indexOf(wrong);
        winners.remove(at);
        // The withdrawal says where the ceremony stands after it alone (23 of 24 at the 89th Oscars), the right
        // winner's declaration where it stands after both (24 of 24).
        CeremonyState withdrawnOnly = withCategoryWinners(state, category.name(), winners);
        replacement.ifPresent(r -> winners.add(at, new Winner(r.name(), null, wrong.tie(), editor)));
        CeremonyState after = withCategoryWinners(state, category.name(), winners);

        String why = reason == null || reason.isBlank() ? (correctNominee == null ? "retracted" : "corrected") : reason;
        Nominee withdrawn = category.nominee(nominee).orElseThrow();
        List<Change> changes = new ArrayList<>();
        changes.add(new WinnerWithdrawn(category.name(), nominee, withdrawn.work(), why, editor,
                withdrawnOnly.decided(), withdrawnOnly.total()));
        replacement.ifPresent(r -> changes.add(declared(after, r, category.name(), wrong.tie(), editor)));
        String cause = "; it rested on " + nominee + " winning " + category.name() + ", which was " + why;
        return finish(state, talliesOfState, after, changes, cause, liveRecords);
    }

    /**
     * Common tail of every change: the tallies it moved, the standing's delta, the alerts that came down or went
     * up, and the reference records it changed. {@code before} is null for a ceremony's first definition.
     */
    private static Outcome finish(CeremonyState before, Map<String, Tally> talliesBefore, CeremonyState after,
                                  List<Change> changes, String cause, Function<String, RecordReference> liveRecords) {
        Map<String, Tally> tallyBefore = before == null ? Map.of()
                : talliesBefore != null ? talliesBefore : tallies(before);
        Map<String, Tally> tallyAfter = tallies(after);
        changes.addAll(Tallies.changes(tallyBefore, tallyAfter));

        Leaderboard boardBefore = before == null ? null
                : Leaderboards.of(before.definition(), before::winnersOf, tallyBefore);
        LeaderboardDelta.between(boardBefore, Leaderboards.of(after.definition(), after::winnersOf, tallyAfter))
                .ifPresent(changes::add);

        RecordRules.Evaluation evaluation = RecordRules.evaluate(after.definition(), tallyAfter, after::winnersOf,
                after.baselines(), liveRecords, after.history());
        Map<String, String> standing = new LinkedHashMap<>();
        after.alerts().forEach((id, headline) -> {
            if (evaluation.alerts().containsKey(id)) {
                standing.put(id, headline);
            } else {
                // A watch comes down when its record is out of reach or the categories it needed are decided.
                changes.add(new AlertWithdrawn(id, headline, (id.contains(":watch:")
                        ? "no longer open: the record is decided or out of reach" : "no longer true") + cause));
            }
        });
        for (RecordAlert alert : evaluation.alerts().values()) {
            if (!standing.containsKey(alert.alertId())) {
                changes.add(alert);
                standing.put(alert.alertId(), alert.headline());
            }
        }

        Map<String, RecordReference> published = new LinkedHashMap<>(after.published());
        for (RecordReference record : evaluation.records()) {
            // Against what this ceremony last said, else the live record: award-records lags the updates, so a
            // correction right after a new record would otherwise see nothing to restore.
            RecordReference previous = published.containsKey(record.key()) ? published.get(record.key())
                    : liveRecords.apply(record.key());
            if (!Objects.equals(record, previous)) {
                changes.add(new RecordUpdated(record));
                published.put(record.key(), record);
            }
        }
        Map<String, RecordReference> baselines = new LinkedHashMap<>(after.baselines());
        baselines.putAll(evaluation.consulted());
        return new Outcome(Result.CHANGED, after.withAlerts(standing).withBaselines(baselines).withPublished(published),
                changes, null, tallyAfter);
    }

    private static WinnerDeclared declared(CeremonyState after, Nominee nominee, String category, boolean tie,
                                           String editor) {
        return new WinnerDeclared(category, nominee.name(), nominee.work(),
                nominee.people().stream().map(Person::name).toList(), nominee.studio(), tie, editor, after.decided(),
                after.total());
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
