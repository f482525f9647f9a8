package dev.awardsticker.contract.update;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;

/** The ceremony's definition as the Streams app now holds it (first load or a late fix; never an identical re-post). */
public record CeremonyDefined(CeremonyDefinition definition) implements Change {}
