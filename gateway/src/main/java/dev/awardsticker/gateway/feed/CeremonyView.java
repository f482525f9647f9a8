package dev.awardsticker.gateway.feed;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's picture of one ceremony, rebuilt from {@code ceremony-updates}, plus the recent updates a
 * reconnecting client may have missed. Not thread-safe: it lives on the gateway's event loop.
 *
 * <p>Updates apply strictly in seq order. Kafka may hand the same update over twice (a re-read after a consumer
 * restart), so an old seq is ignored; a missing seq is never papered over, because every client would then hold
 * a state that skipped something.
 */
public final class CeremonyView {
    private static final Logger LOG = LoggerFactory.getLogger(CeremonyView.class);

    /** What {@link #apply} did with an update. */
    public enum Outcome {
        /** The next seq: state and resume buffer now include it. */
        APPLIED,
        /** Seq 1 of another epoch: the history was reset and the view now holds only this update. */
        RESET,
        /** Already applied (seq not above the last one): ignored. */
        DUPLICATE,
        /** Seq skips ahead or belongs to another epoch without starting at 1: not applied, logged. */
        GAP
    }

    private final String ceremony;
    private final ResumeBuffer recent;
    private long epoch;
    private long lastSeq;
    private long updatedAt;
    private CeremonyDefinition definition;
    /** Winners by category, categories in the order first decided. A list because ties exist. */
    private final Map<String, List<WinnerDeclared>> winners = new LinkedHashMap<>();
    private final Map<String, TallyUpdated> tallies = new LinkedHashMap<>();
    private final List<RecordAlert> alerts = new ArrayList<>();

    public CeremonyView(String ceremony, int resumeBufferSize) {
        this.ceremony = ceremony;
        this.recent = new ResumeBuffer(resumeBufferSize);
    }

    public String ceremony() {
        return ceremony;
    }

    /** Epoch of the history held, 0 before the first update. */
    public long epoch() {
        return epoch;
    }

    /** Seq of the last applied update, 0 before the first. */
    public long lastSeq() {
        return lastSeq;
    }

    /** When ingest accepted the event behind the last applied update (epoch millis), 0 before the first. */
    public long updatedAt() {
        return updatedAt;
    }

    /** Title from the definition, or null while the definition has not been seen. */
    public String title() {
        return definition == null ? null : definition.title();
    }

    public Outcome apply(FeedUpdate update) {
        long seq = update.seq();
        boolean startsHistory = lastSeq == 0 || update.epoch() != epoch;
        if (startsHistory) {
            if (seq != 1) {
                logGap(update);
                return Outcome.GAP;
            }
            boolean reset = lastSeq > 0;
            if (reset) {
                LOG.warn("Ceremony {}: history reset from epoch {} (at seq {}) to epoch {}; clients get a fresh "
                        + "snapshot", ceremony, epoch, lastSeq, update.epoch());
                clear();
            }
            epoch = update.epoch();
            accept(update);
            return reset ? Outcome.RESET : Outcome.APPLIED;
        }
        if (seq <= lastSeq) {
            return Outcome.DUPLICATE;
        }
        if (seq != lastSeq + 1) {
            logGap(update);
            return Outcome.GAP;
        }
        accept(update);
        return Outcome.APPLIED;
    }

    public Snapshot snapshot() {
        List<WinnerDeclared> allWinners = new ArrayList<>();
        winners.values().forEach(allWinners::addAll);
        return new Snapshot(ceremony, epoch, lastSeq,
                new CeremonyState(definition, allWinners, new ArrayList<>(tallies.values()), alerts));
    }

    /**
     * Whether a client that saw this ceremony up to {@code clientEpoch}/{@code clientLastSeq} can continue
     * with just the updates it missed.
     */
    public ResumeResult resume(long clientEpoch, long clientLastSeq) {
        if (clientEpoch != epoch) {
            return new ResumeResult.Reset(lastSeq == 0
                    ? "this gateway has no updates for " + ceremony + " yet (epoch " + clientEpoch + " unknown here)"
                    : "epoch " + clientEpoch + " is not the current history of " + ceremony + " (epoch " + epoch
                    + "): the ceremony was reset");
        }
        if (clientLastSeq > lastSeq) {
            return new ResumeResult.Reset("lastSeq " + clientLastSeq + " is ahead of this gateway (at seq " + lastSeq
                    + " of " + ceremony + ")");
        }
        if (clientLastSeq == lastSeq) {
            return new ResumeResult.Resumed(lastSeq + 1, List.of());
        }
        if (recent.isEmpty() || clientLastSeq < recent.firstSeq() - 1) {
            return new ResumeResult.Reset("lastSeq " + clientLastSeq + " is too old: this gateway keeps updates "
                    + (recent.isEmpty() ? "" : "from seq " + recent.firstSeq() + " ") + "up to seq " + lastSeq);
        }
        return new ResumeResult.Resumed(clientLastSeq + 1, recent.after(clientLastSeq));
    }

    private void accept(FeedUpdate update) {
        lastSeq = update.seq();
        updatedAt = update.update().ingestedAt();
        change(update.update().change());
        recent.add(update);
    }

    private void change(Change change) {
        if (change instanceof CeremonyDefined defined) {
            definition = defined.definition();
        } else if (change instanceof WinnerDeclared winner) {
            declare(winner);
        } else if (change instanceof TallyUpdated tally) {
            tallies.put(tally.conflationKey(), tally);
        } else if (change instanceof RecordAlert alert) {
            alerts.add(alert);
        }
    }

    /**
     * A tie adds a winner to the category; a nominee declared again replaces its own entry (a re-send or a
     * corrected detail); any other declaration without tie replaces the category's winner (a correction).
     */
    private void declare(WinnerDeclared winner) {
        List<WinnerDeclared> category = winners.computeIfAbsent(winner.category(), k -> new ArrayList<>());
        for (int i = 0; i < category.size(); i++) {
            if (Objects.equals(category.get(i).nominee(), winner.nominee())) {
                category.set(i, winner);
                return;
            }
        }
        if (!winner.tie()) {
            category.clear();
        }
        category.add(winner);
    }

    private void clear() {
        lastSeq = 0;
        definition = null;
        winners.clear();
        tallies.clear();
        alerts.clear();
        recent.clear();
    }

    private void logGap(FeedUpdate update) {
        LOG.error("Ceremony {}: got seq {} of epoch {} but the view is at seq {} of epoch {}; the update is not "
                        + "applied and the view stays at seq {} until the missing updates arrive. Check the streams "
                        + "app and any skipped records logged above.",
                ceremony, update.seq(), update.epoch(), lastSeq, epoch, lastSeq);
    }
}
