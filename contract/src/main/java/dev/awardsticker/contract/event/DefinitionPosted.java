package dev.awardsticker.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.HistoryBefore;

/**
 * An editor posted a ceremony's definition (first or as a fix). Also kept, latest per ceremony, on the compacted
 * {@code ceremony-definitions} topic for ingest's validation; the Streams app reads it here, in order with the wins.
 * Posting the definition the Streams app already holds changes nothing and publishes nothing.
 *
 * @param history the award's history as it stood before this ceremony (records and the nominees' prior counts),
 *                attached by ingest or the history importer when the award has one; null: no history, the
 *                ceremony is judged against the reference records alone. It travels in the command so that the
 *                live app judges the ceremony from its one input, never from a cache of other ceremonies.
 */
public record DefinitionPosted(String eventId, String ceremony, CeremonyDefinition definition, long ingestedAt,
                               String editor, @JsonInclude(JsonInclude.Include.NON_NULL) HistoryBefore history)
        implements CeremonyCommand {

    public DefinitionPosted(String eventId, String ceremony, CeremonyDefinition definition, long ingestedAt,
                            String editor) {
        this(eventId, ceremony, definition, ingestedAt, editor, null);
    }
}
