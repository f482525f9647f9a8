package dev.awardsticker.gateway.push;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.RecordAlert;

/**
 * Which updates a subscription receives.
 *
 * @param ceremony   only this ceremony; null: every ceremony
 * @param alertsOnly only {@code RecordAlert} and {@code AlertWithdrawn} (a push service wants the banners, and must
 *                   hear when one is taken down); false: every change
 */
public record WebhookFilter(String ceremony, boolean alertsOnly) {

    public boolean matches(CeremonyUpdate update) {
        if (ceremony != null && !ceremony.equals(update.ceremony())) {
            return false;
        }
        return !alertsOnly || update.change() instanceof RecordAlert || update.change() instanceof AlertWithdrawn;
    }
}
