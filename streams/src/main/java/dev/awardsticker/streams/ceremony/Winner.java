package dev.awardsticker.streams.ceremony;

/** A nominee recorded as winner of a category, with the editor event that said so. */
public record Winner(String nominee, String eventId, boolean tie, String editor) {}
