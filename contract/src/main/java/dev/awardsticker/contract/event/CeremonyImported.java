package dev.awardsticker.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.HistoryBefore;

import java.util.List;

/**
 * A finished ceremony from an archive, whole: its definition (with the award's history before it, as
 * {@link DefinitionPosted} carries it) and its winners in the order they were announced. One command, one update: the
 * Streams app judges the ceremony as it stands once every winner is in, as it would after the last of them sent one by
 * one, so an archive of a hundred ceremonies is a hundred transactions, not thousands. A ceremony the ticker already
 * holds with exactly these results answers DUPLICATE; with other results (defined or corrected since), REJECTED:
 * corrections go through the editors' events.
 *
 * @param winners every win, in announcement order; ties are wins of a decided category marked {@code tie}
 */
public record CeremonyImported(String eventId, String ceremony, CeremonyDefinition definition, List<Win> winners,
                               long ingestedAt, String editor,
                               @JsonInclude(JsonInclude.Include.NON_NULL) HistoryBefore history)
        implements CeremonyCommand {
    public CeremonyImported {
        winners = winners == null ? null : List.copyOf(winners);
    }

    /** The same command as if written at {@code at}. */
    public CeremonyImported withIngestedAt(long at) {
        return new CeremonyImported(eventId, ceremony, definition, winners, at, editor, history);
    }

    /** One winner: the nominee's name as the definition lists it in that category. */
    public record Win(String category, String nominee, boolean tie) {}
}
