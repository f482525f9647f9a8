package dev.awardsticker.ingest.replay;

import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param winsPosted        wins that ingest accepted (2xx)
 * @param submitLatenciesMs for each win submitted, in order, how long its last HTTP attempt took
 * @param answeredAtMillis  for each win submitted, by eventId, when its final answer arrived (epoch millis), so
 *                          a viewer's clock on the same machine can tell how long after the answer it saw the win
 * @param failures          every submit that ended without a 2xx answer, in order
 */
public record ReplaySummary(int winsPosted, List<Long> submitLatenciesMs, Map<String, Long> answeredAtMillis,
                            List<Failure> failures) {
    public ReplaySummary {
        submitLatenciesMs = List.copyOf(submitLatenciesMs);
        answeredAtMillis = Map.copyOf(answeredAtMillis);
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
