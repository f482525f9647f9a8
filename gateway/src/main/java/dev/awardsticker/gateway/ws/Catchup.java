package dev.awardsticker.gateway.ws;

import dev.awardsticker.gateway.feed.CeremonyView;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.ResumeResult;
import dev.awardsticker.gateway.feed.Snapshot;
import dev.awardsticker.gateway.ws.ClientRequest.ResumePoint;

import java.util.List;

/**
 * How a new subscription starts, for WebSocket and SSE alike: a snapshot; or, for a client resuming, exactly the
 * updates it missed that its filter accepts; or a reset and a fresh snapshot when that cannot be done.
 */
public sealed interface Catchup {

    /** No resume point: the (filtered) snapshot. */
    record Fresh(Snapshot snapshot) implements Catchup {}

    /**
     * Continue at {@code fromSeq}; {@code missed} are the missed updates with a change the filter accepts, carrying
     * only those changes, in seq order.
     */
    record Resumed(long fromSeq, List<FeedUpdate> missed) implements Catchup {}

    /** The resume point cannot be honoured ({@code reason} says why): a fresh (filtered) snapshot. */
    record Reset(String reason, Snapshot snapshot) implements Catchup {}

    /**
     * @param resume null for a fresh subscription
     * @param limits the client's queue bounds: a replay larger than they allow is answered with a reset
     */
    static Catchup of(CeremonyView view, Filter filter, ResumePoint resume, ClientLimits limits) {
        if (resume == null) {
            return new Fresh(filter.apply(view.snapshot()));
        }
        ResumeResult result = view.resume(resume.epoch(), resume.lastSeq());
        if (result instanceof ResumeResult.Resumed resumed) {
            List<FeedUpdate> missed = resumed.missed().stream()
                    .flatMap(update -> new Selection(update, view).forFilter(filter).stream()).toList();
            String tooMany = tooManyToReplay(missed, limits);
            return tooMany == null ? new Resumed(resumed.fromSeq(), missed)
                    : reset(view, filter, "lastSeq " + resume.lastSeq() + " is " + tooMany);
        }
        return reset(view, filter, ((ResumeResult.Reset) result).reason());
    }

    /** A reset for {@code reason}, with the snapshot that must follow it. */
    static Reset reset(CeremonyView view, Filter filter, String reason) {
        return new Reset(reason, filter.apply(view.snapshot()));
    }

    /**
     * Why {@code missed} cannot be replayed, or null if it can. Replayed updates land in the pending queue once the
     * client's transport is full; more than it holds would close the client on every resume, for ever. One snapshot
     * gets it there at once.
     */
    private static String tooManyToReplay(List<FeedUpdate> missed, ClientLimits limits) {
        long bytes = missed.stream().mapToLong(update -> update.frame().length()).sum();
        if (missed.size() <= limits.maxQueuedFrames() && bytes <= limits.maxQueuedBytes()) {
            return null;
        }
        return missed.size() + " updates (" + bytes + " bytes) behind: more than this gateway queues for a client "
                + "(GATEWAY_CLIENT_QUEUE_MAX " + limits.maxQueuedFrames() + ", GATEWAY_CLIENT_QUEUE_MAX_BYTES "
                + limits.maxQueuedBytes() + ")";
    }
}
