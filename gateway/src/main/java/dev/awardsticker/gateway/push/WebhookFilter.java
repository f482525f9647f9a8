package dev.awardsticker.gateway.push;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;

import java.util.List;

/**
 * Which updates a subscription receives, and which of their changes.
 *
 * @param ceremony   only this ceremony; null: every ceremony
 * @param alertsOnly only {@code RecordAlert} and {@code AlertWithdrawn} changes, and the {@code RecordUpdated} that
 *                   goes with a passing alert (a push service wants the banners, and must hear when one is taken
 *                   down); false: every change
 */
public record WebhookFilter(String ceremony, boolean alertsOnly) {

    /** The update as this subscription receives it (only its passing changes), or null when none passes. */
    public CeremonyUpdate select(CeremonyUpdate update) {
        if (ceremony != null && !ceremony.equals(update.ceremony())) {
            return null;
        }
        if (!alertsOnly) {
            return update;
        }
        boolean alert = update.changes().stream().anyMatch(RecordAlert.class::isInstance);
        List<Change> passed = update.changes().stream()
                .filter(c -> c instanceof RecordAlert || c instanceof AlertWithdrawn
                        || alert && c instanceof RecordUpdated)
                .toList();
        if (passed.isEmpty()) {
            return null;
        }
        return passed.size() == update.changes().size() ? update : update.withChanges(passed);
    }
}
