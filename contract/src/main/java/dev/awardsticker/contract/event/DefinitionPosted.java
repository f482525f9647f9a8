package dev.awardsticker.contract.event;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;

/**
 * An editor posted a ceremony's definition (first or as a fix). Also kept, latest per ceremony, on the compacted
 * {@code ceremony-definitions} topic for ingest's validation; the Streams app reads it here, in order with the wins.
 * Posting the definition the Streams app already holds changes nothing and publishes nothing.
 */
public record DefinitionPosted(String eventId, String ceremony, CeremonyDefinition definition, long ingestedAt,
                               String editor) implements CeremonyCommand {}
