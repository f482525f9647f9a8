package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a subscriber wants to see of a ceremony. Criteria combine with AND; an empty set means "any". A filter
 * applies to the changes inside an update: the subscriber gets the update with the changes that pass, in their
 * order, or nothing when none does (PROTOCOL.md, "Filters").
 *
 * @param alertsOnly only record alerts, their withdrawals and the records they set (no definition, winners,
 *                   tallies or leaderboard)
 * @param categories only winners, winner withdrawals and alerts of these categories (tallies and the leaderboard
 *                   have no category, so they are left out)
 * @param works      only winners, winner withdrawals, work tallies, alerts and leaderboard entries of these works
 */
public record Filter(boolean alertsOnly, Set<String> categories, Set<String> works) {

    public static final Filter NONE = new Filter(false, Set.of(), Set.of());
    /** Most names a filter list may hold (WebSocket and SSE alike). */
    public static final int MAX_VALUES = 200;

    public Filter {
        categories = Set.copyOf(categories);
        works = Set.copyOf(works);
    }

    /**
     * The changes of {@code changes} (one update, its alert withdrawals judged by {@code subjects}) this subscriber
     * gets, in order; the
     * very same list when all pass, empty when none does. A {@link LeaderboardChanged} under a works filter is cut
     * down to those works' entries; a {@link RecordUpdated} goes with the update's alerts (it passes when one of
     * them does), since it is the record an alert announces.
     */
    public List<Change> select(List<Change> changes, Subjects subjects) {
        if (isNone()) {
            return changes;
        }
        List<Change> passed = new ArrayList<>(changes.size());
        boolean alertPassed = false;
        for (Change change : changes) {
            if (change instanceof LeaderboardChanged moved) {
                LeaderboardChanged mine = leaderboard(moved);
                if (mine != null) {
                    passed.add(mine);
                }
            } else if (change instanceof RecordUpdated) {
                passed.add(change); // kept for now: dropped below unless an alert passed
            } else if (accepts(subjects.subjectOf(change))) {
                passed.add(change);
                alertPassed |= change instanceof RecordAlert;
            }
        }
        if (!alertPassed) {
            passed.removeIf(RecordUpdated.class::isInstance);
        }
        return passed.size() == changes.size() && passed.equals(changes) ? changes : passed;
    }

    /**
     * Whether a subscriber gets {@code change} (any type but {@link LeaderboardChanged} and {@link RecordUpdated},
     * which {@link #select} judges). Pass an {@link AlertWithdrawn} through {@link Subjects#subjectOf}
     * first, so it is judged as the alert it withdraws: a subscriber gets the withdrawal exactly when it got the
     * alert. One that cannot be resolved passes, because taking down a banner a client never showed is harmless,
     * while missing a withdrawal would leave a false banner up.
     */
    public boolean accepts(Change change) {
        if (change instanceof RecordAlert alert) {
            return matches(categories, alert.category()) && matches(works, alert.subject());
        }
        if (change instanceof AlertWithdrawn) {
            return true;
        }
        if (alertsOnly) {
            return false;
        }
        if (change instanceof WinnerDeclared winner) {
            return matches(categories, winner.category()) && matches(works, winner.work());
        }
        if (change instanceof WinnerWithdrawn withdrawn) {
            return matches(categories, withdrawn.category()) && matches(works, withdrawn.work());
        }
        if (change instanceof TallyUpdated tally) {
            return categories.isEmpty() && (works.isEmpty()
                    || tally.subject() == TallyUpdated.Subject.WORK && works.contains(tally.name()));
        }
        // The definition always passes (unless alertsOnly): a screen cannot draw winners without it.
        return change instanceof CeremonyDefined;
    }

    /** No criteria: every change passes (checked by identity first, as it is on the fan-out's path). */
    public boolean isNone() {
        return this == NONE || !alertsOnly && categories.isEmpty() && works.isEmpty();
    }

    /** The snapshot as this subscriber would have built it from the updates it accepts. */
    public Snapshot apply(Snapshot snapshot) {
        if (isNone()) {
            return snapshot;
        }
        CeremonyState state = snapshot.state();
        return snapshot.withState(new CeremonyState(
                alertsOnly ? null : state.definition(),
                state.winners().stream().filter(this::accepts).toList(),
                state.tallies().stream().filter(this::accepts).toList(),
                state.alerts().stream().filter(a -> accepts(a.alert())).toList(),
                leaderboard(state.leaderboard())));
    }

    /** The part of a leaderboard delta this subscriber gets, or null. */
    private LeaderboardChanged leaderboard(LeaderboardChanged moved) {
        if (alertsOnly || !categories.isEmpty()) {
            return null;
        }
        return works.isEmpty() ? moved : LeaderboardState.onlyWorks(moved, works);
    }

    private LeaderboardState leaderboard(LeaderboardState standing) {
        if (alertsOnly || !categories.isEmpty() || standing == null) {
            return null;
        }
        return works.isEmpty() ? standing : standing.onlyWorks(works);
    }

    private static boolean matches(Set<String> wanted, String value) {
        // Null-safe: immutable sets throw on contains(null), and alerts such as a perfect night have no category.
        return wanted.isEmpty() || value != null && wanted.contains(value);
    }
}
