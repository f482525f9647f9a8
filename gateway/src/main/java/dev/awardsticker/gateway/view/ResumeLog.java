package dev.awardsticker.gateway.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent updates of one ceremony's current epoch, for resuming clients: an append-only log of fixed-size chunks.
 * Written by the feed thread only; a {@link Window} is an immutable view of it that any thread may read without a
 * lock, because a slot is written once, before any window that covers it is handed out, and never again: the log
 * moves on by dropping whole old chunks from its own list (windows still holding them keep them alive), and a new
 * epoch starts new chunks. So a version costs a copy of a few dozen chunk references, never of the updates.
 *
 * <p>Seqs of an epoch start at 1 without gaps, so an update's chunk and slot are arithmetic.
 */
final class ResumeLog {
    static final int CHUNK = 256;

    private final int capacity;
    private final ArrayDeque<Applied[]> chunks = new ArrayDeque<>();
    /** Chunk number (seq-1)/CHUNK of the oldest chunk kept. */
    private long firstChunk;
    /** Oldest and newest seq kept; first is 0 while empty. */
    private long first;
    private long last;

    ResumeLog(int capacity) {
        this.capacity = capacity;
    }

    /** Appends the next update of the epoch (seq last+1, or 1 for the first). */
    void add(Applied applied) {
        long seq = applied.update().seq();
        int slot = (int) ((seq - 1) % CHUNK);
        if (chunks.isEmpty() || slot == 0) {
            if (chunks.isEmpty()) {
                firstChunk = (seq - 1) / CHUNK;
            }
            chunks.addLast(new Applied[CHUNK]);
        }
        chunks.peekLast()[slot] = applied;
        last = seq;
        if (first == 0) {
            first = seq;
        }
        if (last - first + 1 > capacity) {
            first = last - capacity + 1;
            while ((first - 1) / CHUNK > firstChunk) {
                chunks.pollFirst();
                firstChunk++;
            }
        }
    }

    /** A new epoch: the old chunks are left to the windows that still hold them. */
    void clear() {
        chunks.clear();
        first = 0;
        last = 0;
    }

    Window window() {
        return new Window(chunks.toArray(new Applied[0][]), firstChunk, first, last);
    }

    /** The updates with seq {@code first..last} (none when first is 0), as one version saw them. Immutable. */
    record Window(Applied[][] chunks, long firstChunk, long first, long last) {
        static final Window EMPTY = new Window(new Applied[0][], 0, 0, 0);

        boolean isEmpty() {
            return first == 0;
        }

        /** Updates with seq greater than {@code seq}, oldest first; {@code seq} must be >= first - 1. */
        List<Applied> after(long seq) {
            List<Applied> result = new ArrayList<>((int) Math.max(0, last - seq));
            for (long s = Math.max(seq + 1, first); s <= last; s++) {
                result.add(chunks[(int) ((s - 1) / CHUNK - firstChunk)][(int) ((s - 1) % CHUNK)]);
            }
            return result;
        }
    }
}
