package dev.awardsticker.ingest.verdict;

/** Where one command is stored on {@code ceremony-commands}: what a request waits on, and what identifies its verdict. */
public record EventPosition(int partition, long offset) {}
