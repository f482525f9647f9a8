package dev.awardsticker.gateway.view;

import dev.awardsticker.gateway.feed.FeedUpdate;

import java.util.ArrayList;
import java.util.List;

/**
 * How a subscription starts, for WebSocket and SSE alike, and the one place a resume is judged: a snapshot; or, for
 * a client resuming, exactly the updates it missed that its filter accepts; or a reset and a fresh snapshot when
 * that cannot be done.
 */
public sealed interface Catchup {

    /**
     * No resume point: the (filtered) snapshot. Built by whoever sends it, from the view and the filter: one encoding
     * serves every client of a version and filter.
     */
    record Fresh() implements Catchup {}

    /**
     * Continue at {@code fromSeq}; {@code missed} are the missed updates with a change the filter accepts, carrying
     * only those changes, in seq order.
     */
    record Resumed(long fromSeq, List<FeedUpdate> missed) implements Catchup {}

    /** The resume point cannot be honoured ({@code reason} says why): a fresh (filtered) snapshot, as for Fresh. */
    record Reset(String reason) implements Catchup {}

    /**
     * @param resume         null for a fresh subscription
     * @param maxQueuedFrames a replay of more updates than a client's queue holds is answered with a reset
     * @param maxQueuedBytes  the same, for their bytes
     */
    static Catchup of(CeremonyView view, Filter filter, ResumePoint resume, int maxQueuedFrames, long maxQueuedBytes) {
        if (resume == null) {
            return new Fresh();
        }
        String refused = view.refusal(resume.epoch(), resume.lastSeq());
        if (refused != null) {
            return new Reset(refused);
        }
        List<FeedUpdate> missed = new ArrayList<>();
        for (Applied applied : view.after(resume.lastSeq())) {
            new Selection(applied).forFilter(filter).ifPresent(missed::add);
        }
        String tooMany = tooManyToReplay(missed, maxQueuedFrames, maxQueuedBytes);
        return tooMany == null ? new Resumed(resume.lastSeq() + 1, missed)
                : new Reset("lastSeq " + resume.lastSeq() + " is " + tooMany);
    }

    /**
     * Why {@code missed} cannot be replayed, or null if it can. Replayed updates land in the pending queue once the
     * client's transport is full; more than it holds would close the client on every resume, for ever. One snapshot
     * gets it there at once.
     */
    private static String tooManyToReplay(List<FeedUpdate> missed, int maxFrames, long maxBytes) {
        long bytes = missed.stream().mapToLong(FeedUpdate::size).sum();
        if (missed.size() <= maxFrames && bytes <= maxBytes) {
            return null;
        }
        return missed.size() + " updates (" + bytes + " bytes) behind: more than this gateway queues for a client "
                + "(GATEWAY_CLIENT_QUEUE_MAX " + maxFrames + ", GATEWAY_CLIENT_QUEUE_MAX_BYTES " + maxBytes + ")";
    }
}
