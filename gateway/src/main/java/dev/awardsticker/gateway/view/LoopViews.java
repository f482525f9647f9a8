package dev.awardsticker.gateway.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions one event loop serves: per ceremony, the newest version handed to this loop. Used only on that loop,
 * so a subscriber's snapshot and the updates the loop sends after it always agree.
 */
public final class LoopViews {
    private final Map<String, CeremonyView> current = new HashMap<>();
    private boolean caughtUp;

    /** Takes the versions of a batch; called when the batch reaches this loop, before it is fanned out. */
    public void install(Views.Batch batch) {
        current.putAll(batch.versions());
        caughtUp |= batch.caughtUp();
    }

    /** Whether this loop holds at least what Kafka held when the gateway started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public Optional<CeremonyView> find(String ceremony) {
        return Optional.ofNullable(current.get(ceremony));
    }

    /**
     * The view of {@code ceremony}, or an empty one that is not kept: clients may subscribe to ceremonies that
     * have not started, and must not be able to grow this map with made-up ids.
     */
    public CeremonyView findOrEmpty(String ceremony) {
        CeremonyView view = current.get(ceremony);
        return view != null ? view : CeremonyView.empty(ceremony);
    }

    /** Every known ceremony, most recently updated first (the one on air now is the likely pick). */
    public List<CeremonyView> all() {
        List<CeremonyView> all = new ArrayList<>(current.values());
        all.sort(Comparator.comparingLong(CeremonyView::updatedAt).reversed().thenComparing(CeremonyView::ceremony));
        return all;
    }
}
