package dev.awardsticker.replay;

import dev.awardsticker.ingest.replay.Pacing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One parsed command line.
 *
 * @param command   import (records and definition only) or replay (then every win and correction)
 * @param ingestUrls ingest instances' base URLs, one or more: a retry goes to the next one
 * @param retryFor  how long to keep retrying one submit that gets no answer, a 503 or a 5xx (zero: no retries)
 * @param token     the editor token
 * @param ceremony  a built-in ceremony id, a data folder or a JSON ceremony file
 * @param pacing    for replay: the show's pace sped up, or a fixed gap
 * @param records   a records folder to load reference records from, or null for the shipped ones
 * @param noRecords post no reference records
 * @param asId      post the ceremony under this id instead of its own, or null
 */
record Options(Command command, List<String> ingestUrls, String token, String ceremony, Pacing pacing, Path records,
               boolean noRecords, String asId, Duration retryFor) {
    Options {
        ingestUrls = List.copyOf(ingestUrls);
    }

    enum Command { IMPORT, REPLAY }
}
