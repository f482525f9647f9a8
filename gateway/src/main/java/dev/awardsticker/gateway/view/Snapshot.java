package dev.awardsticker.gateway.view;

/**
 * A ceremony's state as of one update. {@code epoch} 0 and {@code seq} 0 mean nothing has been seen yet:
 * subscribing before a ceremony starts is normal.
 */
public record Snapshot(String ceremony, long epoch, long seq, CeremonyState state) {

    public Snapshot withState(CeremonyState newState) {
        return new Snapshot(ceremony, epoch, seq, newState);
    }
}
