package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.update.Change;
import dev.awardsticker.gateway.feed.FeedUpdate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The copies of one update that one fan-out sends: each distinct filter is applied once and each distinct result
 * encoded once, however many subscribers share it. The unfiltered result is the update's own shared frame.
 */
public final class Selection {
    private final FeedUpdate update;
    private final Subjects subjects;
    private final Optional<FeedUpdate> unfiltered;
    private final Map<Filter, Optional<FeedUpdate>> byFilter = new HashMap<>();
    private final Map<List<Change>, FeedUpdate> byChanges = new HashMap<>();

    public Selection(FeedUpdate update, Subjects subjects) {
        this.update = update;
        this.subjects = subjects;
        this.unfiltered = Optional.of(update);
    }

    public Selection(Applied applied) {
        this(applied.update(), applied);
    }

    /** What a subscriber with {@code filter} gets; empty when none of the update's changes pass. */
    public Optional<FeedUpdate> forFilter(Filter filter) {
        if (filter.isNone()) {
            return unfiltered;
        }
        Optional<FeedUpdate> known = byFilter.get(filter);
        if (known == null) {
            known = select(filter);
            byFilter.put(filter, known);
        }
        return known;
    }

    private Optional<FeedUpdate> select(Filter filter) {
        List<Change> changes = filter.select(update.changes(), subjects);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        if (changes == update.changes()) {
            return Optional.of(update);
        }
        return Optional.of(byChanges.computeIfAbsent(changes, update::withChanges));
    }
}
