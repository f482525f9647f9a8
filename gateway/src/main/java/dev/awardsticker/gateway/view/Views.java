package dev.awardsticker.gateway.view;

import dev.awardsticker.gateway.feed.FeedUpdate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every ceremony's view, written by the feed thread alone: applies each batch and publishes, per ceremony it
 * touched, one immutable version as of the batch's end, which every event loop then reads without locks.
 *
 * <p>One version per batch, not per update: an event loop fans a batch's updates out in order and starts a client
 * that subscribes meanwhile from the batch's version, skipping for it the updates that version already holds
 * (by {@link CeremonyView#revision}). That is as consistent as a version per update, and copies each ceremony's state
 * once per batch, which matters exactly when the gateway is behind and batches are big.
 */
public final class Views {

    /**
     * One update a batch applied.
     *
     * @param reset    it started a new epoch: what clients hold is void
     * @param revision the ceremony's revision after it
     */
    public record Step(String ceremony, Applied applied, boolean reset, long revision) {
        public FeedUpdate update() {
            return applied.update();
        }
    }

    /**
     * What one batch did.
     *
     * @param versions the new version of every ceremony the batch changed
     * @param caughtUp with this batch the views hold at least what Kafka held when the gateway started
     */
    public record Batch(List<Step> steps, Map<String, CeremonyView> versions, boolean caughtUp) {
        public Batch {
            steps = List.copyOf(steps);
            versions = Map.copyOf(versions);
        }
    }

    private final int resumeBufferSize;
    private final Map<String, CeremonyWriter> writers = new HashMap<>();
    private final AtomicLong updatesApplied = new AtomicLong();
    private boolean caughtUp;

    public Views(int resumeBufferSize) {
        this.resumeBufferSize = resumeBufferSize;
    }

    /**
     * Applies a batch from the feed. Feed thread only.
     *
     * @param caughtUp the feed had, with this batch, read up to the end offsets it saw at start
     */
    public Batch apply(List<FeedUpdate> batch, boolean caughtUp) {
        List<Step> steps = new ArrayList<>(batch.size());
        Map<String, CeremonyWriter> touched = new LinkedHashMap<>();
        for (FeedUpdate update : batch) {
            CeremonyWriter writer = writers.computeIfAbsent(update.ceremony(),
                    id -> new CeremonyWriter(id, resumeBufferSize));
            switch (writer.apply(update)) {
                case APPLIED -> steps.add(new Step(writer.ceremony(), writer.lastApplied(), false, writer.revision()));
                case RESET -> steps.add(new Step(writer.ceremony(), writer.lastApplied(), true, writer.revision()));
                case DUPLICATE, GAP -> {
                    continue; // nothing changed; a gap was logged by the writer
                }
            }
            touched.put(writer.ceremony(), writer);
        }
        Map<String, CeremonyView> versions = new HashMap<>();
        touched.forEach((id, writer) -> versions.put(id, writer.publish()));
        updatesApplied.addAndGet(steps.size());
        // Only after the batch is applied: ready means the views hold what Kafka held at start.
        this.caughtUp |= caughtUp;
        return new Batch(steps, versions, this.caughtUp);
    }

    /** Updates applied (a new epoch included), since start. Any thread. */
    public long updatesApplied() {
        return updatesApplied.get();
    }
}
