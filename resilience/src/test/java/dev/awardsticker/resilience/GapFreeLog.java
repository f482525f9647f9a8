package dev.awardsticker.resilience;

import dev.awardsticker.contract.update.CeremonyUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a screen applied from one ceremony's feed, checked as PROTOCOL.md promises: after a snapshot, every update
 * (one per editor event, with all of its changes) once, in seq order, none missing. A duplicate, a gap, an update
 * without changes or a reset after the first snapshot is recorded as a problem.
 */
final class GapFreeLog {
    private final List<CeremonyUpdate> applied = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private volatile long epoch;
    private volatile long lastSeq;

    void snapshot(long snapshotEpoch, long seq) {
        if (lastSeq > 0) {
            // Allowed by the protocol, but in these tests the resume buffer covers every outage: lost history.
            problems.add("snapshot at seq " + seq + " after " + lastSeq + " (a reset)");
        }
        epoch = snapshotEpoch;
        lastSeq = seq;
        sessions.add("snapshot at " + seq);
    }

    void update(CeremonyUpdate update) {
        if (update.seq() <= lastSeq) {
            problems.add("duplicate seq " + update.seq() + " after " + lastSeq);
            return;
        }
        if (update.seq() != lastSeq + 1) {
            problems.add("gap: seq " + update.seq() + " after " + lastSeq);
        }
        if (update.changes().isEmpty()) {
            // An unfiltered screen gets every update whole: one without changes lost them on the way.
            problems.add("update " + update.seq() + " without changes");
        }
        epoch = update.epoch();
        lastSeq = update.seq();
        applied.add(update);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    void session(String session) {
        sessions.add(session);
    }

    long epoch() {
        return epoch;
    }

    long lastSeq() {
        return lastSeq;
    }

    List<CeremonyUpdate> applied() {
        return new ArrayList<>(applied);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> sessions() {
        return List.copyOf(sessions);
    }
}
