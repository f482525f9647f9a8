package dev.awardsticker.gateway.feed;

import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hands every applied update to each transport (WebSocket, SSE), and measures once per update, not per transport
 * or client: updates applied, and the end-to-end latency of live updates that somebody was subscribed to.
 * Lives on the gateway's event loop.
 */
public final class Fanout implements CeremonyViews.Listener {

    /** A way clients receive updates. */
    public interface Transport extends CeremonyViews.Listener {
        /** Whether any of its clients is subscribed to {@code ceremony} now. */
        boolean hasSubscribers(String ceremony);
    }

    private final CeremonyViews views;
    private final List<Transport> transports;
    /** Ingest-to-handed-out latency of live updates; null: not measured. */
    private final Timer endToEnd;
    private long updatesApplied;

    public Fanout(CeremonyViews views, List<Transport> transports, Timer endToEnd) {
        this.views = views;
        this.transports = List.copyOf(transports);
        this.endToEnd = endToEnd;
    }

    @Override
    public void applied(CeremonyView view, FeedUpdate update) {
        updatesApplied++;
        recordEndToEnd(view, update);
        transports.forEach(transport -> transport.applied(view, update));
    }

    @Override
    public void reset(CeremonyView view, FeedUpdate update) {
        updatesApplied++;
        recordEndToEnd(view, update);
        transports.forEach(transport -> transport.reset(view, update));
    }

    /** Updates applied to the views (a new epoch included), since start. On the event loop. */
    public long updatesApplied() {
        return updatesApplied;
    }

    /**
     * Only live updates with a subscriber: while the views are still catching up, {@code ingestedAt} is history and
     * the difference would say nothing about this pipeline.
     */
    private void recordEndToEnd(CeremonyView view, FeedUpdate update) {
        long ingestedAt = update.update().ingestedAt();
        if (endToEnd != null && views.caughtUp() && ingestedAt > 0
                && transports.stream().anyMatch(t -> t.hasSubscribers(view.ceremony()))) {
            endToEnd.record(Math.max(0, System.currentTimeMillis() - ingestedAt), TimeUnit.MILLISECONDS);
        }
    }
}
