package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.Change;

/**
 * What a subscriber's filter judges a change by. An {@link AlertWithdrawn} names only the alert's id, yet whether a
 * subscriber saw that alert depends on the alert's category and subject: it is judged as the alert it withdraws.
 */
public interface Subjects {
    /** {@code change}, or for a withdrawal of a known alert, that alert. */
    Change subjectOf(Change change);
}
