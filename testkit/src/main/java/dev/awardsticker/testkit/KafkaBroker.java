package dev.awardsticker.testkit;

/** A real broker given to a test: where it is and what kind it is (external, container, embedded). */
public record KafkaBroker(String bootstrapServers, String kind) {}
