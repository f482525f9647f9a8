package dev.awardsticker.gateway.hub;

import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.view.LeaderboardState;
import dev.awardsticker.gateway.feed.Frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Frames waiting for one client whose socket takes no more, bounded by count and bytes. Used only on the event loop.
 *
 * <p>Frames leave in the order they came. When an update joins the queue, the updates of its ceremony already
 * waiting give up what it makes redundant: a tally it carries again (same {@code conflationKey}) is dropped from
 * them, and their leaderboard deltas are merged into its own; an update left with no changes leaves the queue. So
 * a client that catches up gets the newest tallies without a backlog of stale ones, while a definition, winner,
 * withdrawal, record or alert is never dropped, and what it is sent still applies in seq order. Only updates behind
 * the last frame that is not an update (a snapshot, a reset) are merged: the client starts afresh there.
 *
 * <p>An update's frame is the shared, encoded-once buffer until a merge changes it; then it is encoded anew.
 */
final class PendingFrames {

    /** What {@link #offer} did. */
    enum Offer {
        /** Added at the back. */
        QUEUED,
        /** Added at the back, after older waiting updates gave up changes it supersedes. */
        CONFLATED,
        /** Refused: it would take the queue over its bound. */
        FULL
    }

    /** One waiting frame; {@code update} is null for frames that are not updates (never merged). */
    private static final class Waiting {
        FeedUpdate update;
        Frame wire;

        Waiting(FeedUpdate update, Frame wire) {
            this.update = update;
            this.wire = wire;
        }
    }

    private final int maxFrames;
    private final long maxBytes;
    /** The transport's wire format of an update (the WebSocket frame itself, or an SSE event around it). */
    private final Function<FeedUpdate, Frame> wireOf;
    private final ArrayDeque<Waiting> frames = new ArrayDeque<>();
    private long bytes;
    /** Set by {@link #mergeInto} when a waiting update gave something up. */
    private boolean tookOver;

    PendingFrames(int maxFrames, long maxBytes, Function<FeedUpdate, Frame> wireOf) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.wireOf = wireOf;
    }

    /**
     * @param wire   the frame in the transport's format
     * @param update the update it carries, or null for a frame that is not an update
     */
    Offer offer(Frame wire, FeedUpdate update) {
        tookOver = false;
        if (update != null) {
            FeedUpdate newer = mergeInto(update);
            if (newer != update) {
                update = newer;
                wire = wireOf.apply(newer);
            }
        }
        if (frames.size() + 1 > maxFrames || bytes + wire.length() > maxBytes) {
            return Offer.FULL;
        }
        frames.addLast(new Waiting(update, wire));
        bytes += wire.length();
        return tookOver ? Offer.CONFLATED : Offer.QUEUED;
    }

    /** The oldest frame, removed; null when empty. */
    Frame poll() {
        Waiting oldest = frames.pollFirst();
        if (oldest == null) {
            return null;
        }
        bytes -= oldest.wire.length();
        return oldest.wire;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return frames.size();
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }

    /**
     * Takes from the waiting updates of {@code newer}'s ceremony what {@code newer} supersedes, and returns
     * {@code newer} with their leaderboard deltas merged in (itself when nothing was merged into it).
     */
    private FeedUpdate mergeInto(FeedUpdate newer) {
        Set<String> tallies = newer.changes().stream().map(Change::conflationKey).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        boolean hasLeaderboard = newer.changes().stream().anyMatch(LeaderboardChanged.class::isInstance);
        if (tallies.isEmpty() && !hasLeaderboard) {
            return newer;
        }
        List<Waiting> older = new ArrayList<>(); // newest first
        for (Iterator<Waiting> it = frames.descendingIterator(); it.hasNext(); ) {
            Waiting waiting = it.next();
            if (waiting.update == null) {
                break;
            }
            if (waiting.update.ceremony().equals(newer.ceremony()) && waiting.update.epoch() == newer.epoch()) {
                older.add(waiting);
            }
        }
        LeaderboardChanged carried = null; // the waiting deltas, merged oldest first
        for (int i = older.size() - 1; i >= 0; i--) {
            Waiting waiting = older.get(i);
            List<Change> kept = new ArrayList<>(waiting.update.changes().size());
            for (Change change : waiting.update.changes()) {
                if (change instanceof LeaderboardChanged moved && hasLeaderboard) {
                    carried = carried == null ? moved : LeaderboardState.merge(carried, moved);
                } else if (change.conflationKey() == null || !tallies.contains(change.conflationKey())) {
                    kept.add(change);
                }
            }
            if (kept.size() < waiting.update.changes().size()) {
                replace(waiting, kept);
            }
        }
        if (carried == null) {
            return newer;
        }
        List<Change> changes = new ArrayList<>(newer.changes().size());
        for (Change change : newer.changes()) {
            changes.add(change instanceof LeaderboardChanged moved ? LeaderboardState.merge(carried, moved) : change);
        }
        return newer.withChanges(changes);
    }

    /** A waiting update with fewer changes: encoded anew, or gone when nothing is left. */
    private void replace(Waiting waiting, List<Change> kept) {
        tookOver = true;
        bytes -= waiting.wire.length();
        if (kept.isEmpty()) {
            frames.remove(waiting);
            return;
        }
        waiting.update = waiting.update.withChanges(kept);
        waiting.wire = wireOf.apply(waiting.update);
        bytes += waiting.wire.length();
    }
}
