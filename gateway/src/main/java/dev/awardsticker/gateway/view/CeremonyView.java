package dev.awardsticker.gateway.view;

import java.util.List;

/**
 * One version of a ceremony's view: its state after some update, and the recent updates a reconnecting client may
 * have missed. Immutable, made by the feed thread ({@link CeremonyWriter#publish}) and read by every event loop
 * without locks.
 *
 * @param revision how many updates the view has applied, over all epochs: orders versions and updates of one
 *                 ceremony, so an event loop can tell which updates a snapshot of this version already holds
 */
public record CeremonyView(String ceremony, long epoch, long lastSeq, long updatedAt, long revision,
                           CeremonyState state, ResumeLog.Window recent) {

    /** A ceremony no update has been seen for: clients may subscribe before it starts. */
    public static CeremonyView empty(String ceremony) {
        return new CeremonyView(ceremony, 0, 0, 0, 0, CeremonyState.EMPTY, ResumeLog.Window.EMPTY);
    }

    /** Title from the definition, or null while the definition has not been seen. */
    public String title() {
        return state.definition() == null ? null : state.definition().title();
    }

    public Snapshot snapshot() {
        return new Snapshot(ceremony, epoch, lastSeq, state);
    }

    /**
     * Whether a client that saw this ceremony up to {@code clientEpoch}/{@code clientLastSeq} can continue with just
     * the updates it missed (unfiltered, without limits: see {@link Catchup#of} for a subscriber's).
     */
    Catchup resume(long clientEpoch, long clientLastSeq) {
        String refused = refusal(clientEpoch, clientLastSeq);
        return refused != null ? new Catchup.Reset(refused)
                : new Catchup.Resumed(clientLastSeq + 1, after(clientLastSeq).stream().map(Applied::update).toList());
    }

    /** Why a client at {@code clientEpoch}/{@code clientLastSeq} must start over from a snapshot, or null if not. */
    String refusal(long clientEpoch, long clientLastSeq) {
        if (clientEpoch != epoch) {
            return lastSeq == 0
                    ? "this gateway has no updates for " + ceremony + " yet (epoch " + clientEpoch + " unknown here)"
                    : "epoch " + clientEpoch + " is not the current history of " + ceremony + " (epoch " + epoch
                    + "): the ceremony was reset";
        }
        if (clientLastSeq > lastSeq) {
            return "lastSeq " + clientLastSeq + " is ahead of this gateway (at seq " + lastSeq + " of " + ceremony
                    + ")";
        }
        if (clientLastSeq < lastSeq && (recent.isEmpty() || clientLastSeq < recent.first() - 1)) {
            return "lastSeq " + clientLastSeq + " is too old: this gateway keeps updates "
                    + (recent.isEmpty() ? "" : "from seq " + recent.first() + " ") + "up to seq " + lastSeq;
        }
        return null;
    }

    /** The applied updates after {@code seq}, for a resume already judged possible. */
    List<Applied> after(long seq) {
        return recent.after(seq);
    }
}
