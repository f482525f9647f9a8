package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.streams.record.RecordRules;
import dev.awardsticker.streams.tally.Tallies;
import dev.awardsticker.streams.tally.Tally;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
     * @param rejection  why the event changed nothing, if it was refused
     */
    public record Outcome(CeremonyState state, List<Change> changes, List<RecordReference> newRecords,
                          Optional<String> rejection) {
        static Outcome rejected(CeremonyState state, String reason) {
            return new Outcome(state, List.of(), List.of(), Optional.of(reason));
        }
    }

    /** A definition arrives, first or as a late fix: publish it and every tally it changed. */
    public static Outcome define(CeremonyState state, CeremonyDefinition definition, long timestamp) {
        CeremonyState before = state != null ? state : CeremonyState.start(definition, timestamp);
        Map<String, Tally> tallyBefore = state == null ? Map.of() : tallies(state);
        CeremonyState after = before.withDefinition(definition);
        List<Change> changes = new ArrayList<>();
        changes.add(new CeremonyDefined(definition));
        changes.addAll(Tallies.changes(tallyBefore, tallies(after)));
        return new Outcome(after, changes, List.of(), Optional.empty());
    }

    /**
     * A win is announced. Refused (with the reason) when the ceremony, category or nominee is unknown, or
     * when the category is already decided and the win is not marked as a tie.
     */
    public static Outcome announce(CeremonyState state, WinAnnounced win,
                                   Function<String, RecordReference> liveRecords) {
        if (state == null) {
            return Outcome.rejected(null, "ceremony '" + win.ceremony() + "' is not defined");
        }
        CeremonyDefinition definition = state.definition();
        Optional<Category> category = definition.category(win.category());
        if (category.isEmpty()) {
            return Outcome.rejected(state, "category '" + win.category() + "' is not in " + definition.id());
        }
        Optional<Nominee> nominee = category.get().nominee(win.nominee());
        if (nominee.isEmpty()) {
            return Outcome.rejected(state, "'" + win.nominee() + "' is not nominated in '" + win.category() + "'");
        }
        List<Winner> current = state.winnersOf(win.category());
        if (current.stream().anyMatch(w -> w.nominee().equals(win.nominee()))) {
            return Outcome.rejected(state, "'" + win.nominee() + "' is already the winner of '" + win.category() + "'");
        }
        if (!current.isEmpty() && !win.tie()) {
            return Outcome.rejected(state, "'" + win.category() + "' is already decided ("
                    + current.get(0).nominee() + "); mark the win as a tie or send a correction");
        }

        Map<String, Tally> tallyBefore = tallies(state);
        Map<String, List<Winner>> winners = new LinkedHashMap<>(state.winners());
        List<Winner> categoryWinners = new ArrayList<>(current);
        categoryWinners.add(new Winner(win.nominee(), win.eventId(), win.tie(), win.editor()));
        winners.put(win.category(), categoryWinners);
        CeremonyState after = state.withWinners(winners);
        Map<String, Tally> tallyAfter = tallies(after);

        Nominee n = nominee.get();
        List<Change> changes = new ArrayList<>();
        changes.add(new WinnerDeclared(win.category(), n.name(), n.work(), n.people().stream().map(Person::name).toList(),
                n.studio(), win.tie(), win.editor(), after.decided(), definition.categories().size()));
        changes.addAll(Tallies.changes(tallyBefore, tallyAfter));

        RecordRules.Findings findings = RecordRules.afterWin(definition, win.category(), n, tallyAfter,
                state.alertIds(), state.baselines(), liveRecords);
        changes.addAll(findings.alerts());
        TreeSet<String> alertIds = new TreeSet<>(state.alertIds());
        findings.alerts().stream().map(RecordAlert::alertId).forEach(alertIds::add);
        Map<String, RecordReference> baselines = new LinkedHashMap<>(state.baselines());
        baselines.putAll(findings.baselines());
        return new Outcome(after.withAlerts(alertIds).withBaselines(baselines), changes, findings.newRecords(),
                Optional.empty());
    }

    public static Map<String, Tally> tallies(CeremonyState state) {
        return Tallies.of(state.definition(), state::winnersOf);
    }
}
