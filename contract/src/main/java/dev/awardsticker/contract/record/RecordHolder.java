package dev.awardsticker.contract.record;

/** Who holds (or shares) a record: a work or person, and the ceremony year it was set. */
public record RecordHolder(String name, Integer year, String ceremony) {}
