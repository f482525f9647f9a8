package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.gateway.feed.FeedUpdate;

import java.util.Map;

/**
 * An update as its ceremony's view applied it, with the alerts its withdrawals take down as they stood then, so
 * that filters judge it the same at fan-out and at any later resume, on any event loop. Immutable.
 *
 * @param withdrawn the alert each {@link AlertWithdrawn} of the update withdraws, by alert id; empty for most updates
 */
public record Applied(FeedUpdate update, Map<String, RecordAlert> withdrawn) implements Subjects {

    public Applied {
        withdrawn = Map.copyOf(withdrawn);
    }

    @Override
    public Change subjectOf(Change change) {
        if (change instanceof AlertWithdrawn withdrawal) {
            RecordAlert alert = withdrawn.get(withdrawal.alertId());
            if (alert != null) {
                return alert;
            }
        }
        return change;
    }
}
