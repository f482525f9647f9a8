package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;

import java.util.List;

/**
 * What a ceremony looks like after all updates so far: the "state" of a snapshot.
 *
 * @param definition  categories and nominees, null until the ceremony's definition has been seen
 * @param winners     every standing winner in the order declared (a tie gives several for one category; a withdrawn
 *                    winner is gone)
 * @param tallies     latest tally per work, person and studio
 * @param alerts      every record alert in the order raised, withdrawn ones included and flagged
 * @param leaderboard the standing merged from every {@code LeaderboardChanged} so far, so a client can apply the
 *                    deltas of later updates to it; null in a snapshot whose filter leaves the leaderboard out
 */
public record CeremonyState(CeremonyDefinition definition, List<WinnerDeclared> winners, List<TallyUpdated> tallies,
                            List<AlertState> alerts, LeaderboardState leaderboard) {

    public static final CeremonyState EMPTY = new CeremonyState(null, List.of(), List.of(), List.of(),
            LeaderboardState.EMPTY);

    public CeremonyState {
        winners = List.copyOf(winners);
        tallies = List.copyOf(tallies);
        alerts = List.copyOf(alerts);
    }
}
