package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.awardsticker.gateway.feed.FeedUpdate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's picture of one ceremony, rebuilt from {@code ceremony-updates}, plus the recent updates a
 * reconnecting client may have missed. The single writer: it lives on the feed thread, and what event loops read
 * are the immutable versions it {@link #publish}es.
 *
 * <p>An update is one editor event with all its consequences, and applies whole: every change of it, in order.
 * Updates apply strictly in seq order. Kafka may hand the same update over twice (a re-read after a consumer
 * restart), so an old seq is ignored; a missing seq is never papered over, because every client would then hold
 * a state that skipped something.
 */
public final class CeremonyWriter implements Subjects {
    private static final Logger LOG = LoggerFactory.getLogger(CeremonyWriter.class);

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
    private final ResumeLog recent;
    private long epoch;
    private long revision;
    private Applied lastApplied;
    private long lastSeq;
    private long updatedAt;
    private CeremonyDefinition definition;
    /** Winners by category, categories in the order first decided. A list because ties exist. */
    private final Map<String, List<WinnerDeclared>> winners = new LinkedHashMap<>();
    private final Map<String, TallyUpdated> tallies = new LinkedHashMap<>();
    /** Every alert raised, by id, in the order raised; withdrawn ones stay, flagged. */
    private final Map<String, AlertState> alerts = new LinkedHashMap<>();
    private LeaderboardState leaderboard = LeaderboardState.EMPTY;

    public CeremonyWriter(String ceremony, int resumeBufferSize) {
        this.ceremony = ceremony;
        this.recent = new ResumeLog(resumeBufferSize);
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

    /** Updates applied so far, over all epochs. */
    public long revision() {
        return revision;
    }

    /** The update applied last, as recorded for filters and resumes; null before the first. */
    public Applied lastApplied() {
        return lastApplied;
    }

    /** The view as it stands now, immutable: a copy of the state (a few hundred entries) and a window on the log. */
    public CeremonyView publish() {
        List<WinnerDeclared> allWinners = new ArrayList<>();
        winners.values().forEach(allWinners::addAll);
        return new CeremonyView(ceremony, epoch, lastSeq, updatedAt, revision, new CeremonyState(definition,
                allWinners, new ArrayList<>(tallies.values()), new ArrayList<>(alerts.values()), leaderboard),
                recent.window());
    }

    public Snapshot snapshot() {
        return publish().snapshot();
    }

    /**
     * Whether a client that saw this ceremony up to {@code clientEpoch}/{@code clientLastSeq} can continue with just
     * the updates it missed.
     */
    public Catchup resume(long clientEpoch, long clientLastSeq) {
        return publish().resume(clientEpoch, clientLastSeq);
    }

    /**
     * The change a subscriber's filter should judge {@code change} by. An {@link AlertWithdrawn} names only the
     * alert's id, yet whether a subscriber saw that alert depends on the alert's category and subject: it is judged
     * as the alert it withdraws, which this view keeps after the withdrawal for exactly this.
     */
    @Override
    public Change subjectOf(Change change) {
        if (change instanceof AlertWithdrawn withdrawn) {
            AlertState raised = alerts.get(withdrawn.alertId());
            if (raised != null) {
                return raised.alert();
            }
        }
        return change;
    }

    private void accept(FeedUpdate update) {
        lastSeq = update.seq();
        updatedAt = update.update().ingestedAt();
        revision++;
        update.changes().forEach(this::change);
        // A withdrawn alert stays in the view, so it is found here; recorded so that every later reader (a fan-out
        // on any event loop, a resume) judges the withdrawal as the alert it took down.
        Map<String, RecordAlert> withdrawn = new HashMap<>();
        for (Change change : update.changes()) {
            if (change instanceof AlertWithdrawn withdrawal && subjectOf(change) instanceof RecordAlert alert) {
                withdrawn.put(withdrawal.alertId(), alert);
            }
        }
        lastApplied = new Applied(update, withdrawn);
        recent.add(lastApplied);
    }

    private void change(Change change) {
        if (change instanceof CeremonyDefined defined) {
            definition = defined.definition();
        } else if (change instanceof WinnerDeclared winner) {
            declare(winner);
        } else if (change instanceof WinnerWithdrawn withdrawn) {
            withdraw(withdrawn);
        } else if (change instanceof TallyUpdated tally) {
            tallies.put(tally.conflationKey(), tally);
        } else if (change instanceof RecordAlert alert) {
            // Alert ids are stable: one raised again after a withdrawal is news again, so it moves to the end.
            alerts.remove(alert.alertId());
            alerts.put(alert.alertId(), AlertState.raised(alert));
        } else if (change instanceof AlertWithdrawn withdrawn) {
            withdrawAlert(withdrawn);
        } else if (change instanceof LeaderboardChanged moved) {
            leaderboard = leaderboard.apply(moved);
        }
        // RecordUpdated: reference data for the Streams app; a screen learns of a record from its alert.
    }

    /**
     * A nominee declared again replaces its own entry (a re-send or a corrected detail); any other nominee is added.
     * A declaration never displaces another winner: a correction arrives as a {@link WinnerWithdrawn} before the
     * right winner's declaration, and in a tie, correcting one winner must leave the other standing.
     */
    private void declare(WinnerDeclared winner) {
        List<WinnerDeclared> category = winners.computeIfAbsent(winner.category(), k -> new ArrayList<>());
        for (int i = 0; i < category.size(); i++) {
            if (Objects.equals(category.get(i).nominee(), winner.nominee())) {
                category.set(i, winner);
                return;
            }
        }
        category.add(winner);
    }

    /** The winner leaves its category; a category left without winners is undecided again. */
    private void withdraw(WinnerWithdrawn withdrawn) {
        List<WinnerDeclared> category = winners.get(withdrawn.category());
        boolean removed = category != null
                && category.removeIf(w -> Objects.equals(w.nominee(), withdrawn.nominee()));
        if (!removed) {
            // The view saw every update the Streams app numbered, so the two disagree: say so, change nothing.
            LOG.warn("Ceremony {} at seq {}: {} withdrawn from {}, but it is not a winner here; ignored",
                    ceremony, lastSeq, withdrawn.nominee(), withdrawn.category());
            return;
        }
        if (category.isEmpty()) {
            winners.remove(withdrawn.category());
        }
    }

    private void withdrawAlert(AlertWithdrawn withdrawn) {
        AlertState raised = alerts.get(withdrawn.alertId());
        if (raised == null) {
            LOG.warn("Ceremony {} at seq {}: alert {} withdrawn, but it was never raised here; ignored",
                    ceremony, lastSeq, withdrawn.alertId());
            return;
        }
        alerts.put(withdrawn.alertId(), raised.withdraw(withdrawn.reason()));
    }

    private void clear() {
        lastSeq = 0;
        definition = null;
        winners.clear();
        tallies.clear();
        alerts.clear();
        leaderboard = LeaderboardState.EMPTY;
        recent.clear();
    }

    private void logGap(FeedUpdate update) {
        LOG.error("Ceremony {}: got seq {} of epoch {} but the view is at seq {} of epoch {}; the update is not "
                        + "applied and the view stays at seq {} until the missing updates arrive. Check the streams "
                        + "app and any skipped records logged above.",
                ceremony, update.seq(), update.epoch(), lastSeq, epoch, lastSeq);
    }
}
