package dev.awardsticker.gateway.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Ring buffer of the last {@code capacity} applied updates of one ceremony. Updates enter in seq order without
 * gaps, so the position of a seq is arithmetic. It grows to its capacity instead of allocating it up front,
 * because most ceremonies never get near it.
 */
final class ResumeBuffer {
    private final int capacity;
    private final List<FeedUpdate> slots = new ArrayList<>();
    /** Index of the oldest update once the buffer is full; 0 until then. */
    private int head;

    ResumeBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(FeedUpdate update) {
        if (slots.size() < capacity) {
            slots.add(update);
        } else {
            slots.set(head, update);
            head = (head + 1) % capacity;
        }
    }

    void clear() {
        slots.clear();
        head = 0;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Seq of the oldest update held; only meaningful when not empty. */
    long firstSeq() {
        return get(0).seq();
    }

    /** Updates with seq greater than {@code seq}, oldest first; {@code seq} must be >= firstSeq() - 1. */
    List<FeedUpdate> after(long seq) {
        int from = (int) (seq - firstSeq() + 1);
        List<FeedUpdate> result = new ArrayList<>(slots.size() - from);
        for (int i = from; i < slots.size(); i++) {
            result.add(get(i));
        }
        return result;
    }

    private FeedUpdate get(int index) {
        return slots.get((head + index) % slots.size());
    }
}
