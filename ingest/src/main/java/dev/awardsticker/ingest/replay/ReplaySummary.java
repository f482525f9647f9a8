package dev.awardsticker.ingest.replay;

import java.util.List;

/**
 * What a replay did.
 *
 * @param winsPosted        wins that ingest accepted (2xx)
 * @param submitLatenciesMs for each win submitted, in order, how long its last HTTP attempt took
 * @param failures          every submit that ended without a 2xx answer, in order
 */
public record ReplaySummary(int winsPosted, List<Long> submitLatenciesMs, List<Failure> failures) {
    public ReplaySummary {
        submitLatenciesMs = List.copyOf(submitLatenciesMs);
        failures = List.copyOf(failures);
    }

    /**
     * @param what   "records", "definition <id>" or the win's eventId
     * @param status the last HTTP status, or 0 when ingest could not be reached
     * @param error  what ingest (or the connection) said
     */
    public record Failure(String what, int status, String error) {}

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
