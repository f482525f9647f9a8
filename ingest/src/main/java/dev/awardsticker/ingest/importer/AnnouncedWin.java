package dev.awardsticker.ingest.importer;

/**
 * One envelope of a past ceremony, as it was opened.
 *
 * @param order        1, 2, 3... in announcement order (a tie's second winner takes the next number)
 * @param approxTimeEt approximate US Eastern time it was announced, e.g. "22:43", or null when unknown
 */
public record AnnouncedWin(int order, String category, String nominee, String approxTimeEt) {}
