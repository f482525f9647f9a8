package dev.awardsticker.gateway.feed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All ceremony views of this gateway, keyed by ceremony id. Lives on the gateway's event loop. */
public final class CeremonyViews {

    /** Told about every update that changed a view, in seq order, right after it was applied. */
    public interface Listener {
        void applied(CeremonyView view, FeedUpdate update);

        /** The view started a new epoch with {@code update} (seq 1); what clients hold is void. */
        void reset(CeremonyView view, FeedUpdate update);
    }

    private final int resumeBufferSize;
    private final Map<String, CeremonyView> views = new HashMap<>();
    private boolean caughtUp;

    public CeremonyViews(int resumeBufferSize) {
        this.resumeBufferSize = resumeBufferSize;
    }

    /**
     * Applies a batch from the feed.
     *
     * @param caughtUp the feed had, with this batch, read up to the end offsets it saw at start
     */
    public void apply(List<FeedUpdate> batch, boolean caughtUp, Listener listener) {
        for (FeedUpdate update : batch) {
            CeremonyView view = views.computeIfAbsent(update.ceremony(), id -> new CeremonyView(id, resumeBufferSize));
            switch (view.apply(update)) {
                case APPLIED -> listener.applied(view, update);
                case RESET -> listener.reset(view, update);
                case DUPLICATE, GAP -> { /* nothing changed; a gap was logged by the view */ }
            }
        }
        // Only after the batch is applied: ready means the views hold what Kafka held at start.
        this.caughtUp |= caughtUp;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public Optional<CeremonyView> find(String ceremony) {
        return Optional.ofNullable(views.get(ceremony));
    }

    /**
     * The view of {@code ceremony}, or an empty one that is not kept: clients may subscribe to ceremonies that
     * have not started, and must not be able to grow this map with made-up ids.
     */
    public CeremonyView findOrEmpty(String ceremony) {
        return find(ceremony).orElseGet(() -> new CeremonyView(ceremony, 1));
    }

    /** Every known ceremony, most recently updated first (the one on air now is the likely pick). */
    public List<CeremonyView> all() {
        List<CeremonyView> all = new ArrayList<>(views.values());
        all.sort(Comparator.comparingLong(CeremonyView::updatedAt).reversed().thenComparing(CeremonyView::ceremony));
        return all;
    }
}
