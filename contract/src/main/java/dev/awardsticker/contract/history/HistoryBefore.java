package dev.awardsticker.contract.history;

import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.update.TallyUpdated.Subject;

import java.util.List;

/**
 * An award's history as it stood before one ceremony, folded by {@link HistoryLedger} from the ceremonies held
 * before it: the records derived from it (never typed) and the prior counts of every film, person and company
 * nominated at this ceremony. It travels in the ceremony's {@code DefinitionPosted}, so the live app judges the
 * night from its one input.
 *
 * @param throughEdition the last edition folded in (0: none)
 * @param ceremonies     how many ceremonies were folded in (fewer than {@code throughEdition} when some are missing)
 * @param records        every record as it stood, by {@link RecordReference#record()}
 * @param priors         the prior counts of the subjects nominated at this ceremony (subjects never nominated
 *                       before are left out: all zero)
 */
public record HistoryBefore(String award, int throughEdition, int ceremonies, List<RecordReference> records,
                            List<Prior> priors) {
    public HistoryBefore {
        records = records == null ? List.of() : List.copyOf(records);
        priors = priors == null ? List.of() : List.copyOf(priors);
    }

    /**
     * A subject's competitive counts before the ceremony (non-competitive awards are counted apart, in
     * {@code honorary}, and toward no record).
     */
    public record Prior(String id, Subject subject, String name, int wins, int nominations, int actingWins,
                        int actingNominations, int honorary) {}
}
