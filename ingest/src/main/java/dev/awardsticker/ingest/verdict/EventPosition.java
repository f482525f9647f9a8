package dev.awardsticker.ingest.verdict;

/** Where one editor event is stored on {@code ceremony-wins}: what a request waits on, and what identifies its verdict. */
public record EventPosition(int partition, long offset) {}
