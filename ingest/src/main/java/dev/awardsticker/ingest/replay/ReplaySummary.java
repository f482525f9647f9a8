package dev.awardsticker.ingest.replay;

import dev.awardsticker.ingest.importer.ReplayStep;

import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param winsPosted        wins that ingest accepted (2xx)
 * @param submitLatenciesMs for each win or correction submitted, in order, how long its last HTTP attempt took
 * @param answeredAtMillis  for each win or correction submitted, by eventId, when its final answer arrived (epoch
 *                          millis), so a viewer's clock on the same machine can tell how long after the answer it
 *                          saw the change
 * @param failures          every submit that ended without a 2xx answer, in order
 * @param posted            every win and correction submitted, in order, with its final answer
 * @param definition        the final answer to the definition, or null when it was not posted (records refused)
 * @param elapsedMs         from the first request to the last answer
 * @param abandoned         the submit the replay gave up on after retrying it as long as allowed (it stopped
 *                          there), or null
 */
public record ReplaySummary(int winsPosted, List<Long> submitLatenciesMs, Map<String, Long> answeredAtMillis,
                            List<Failure> failures, List<Posted> posted, Defined definition, long elapsedMs,
                            Abandoned abandoned) {
    public ReplaySummary {
        submitLatenciesMs = List.copyOf(submitLatenciesMs);
        answeredAtMillis = Map.copyOf(answeredAtMillis);
        failures = List.copyOf(failures);
        posted = List.copyOf(posted);
    }

    public ReplaySummary(int winsPosted, List<Long> submitLatenciesMs, Map<String, Long> answeredAtMillis,
                         List<Failure> failures, List<Posted> posted, Defined definition, long elapsedMs) {
        this(winsPosted, submitLatenciesMs, answeredAtMillis, failures, posted, definition, elapsedMs, null);
    }

    /**
     * A submit given up on: ingest could not be reached, or answered 503/5xx, for the whole retry budget.
     *
     * @param what      "records", "definition <id>" or the event's eventId
     * @param label     its progress line's label, e.g. "[12/26] Best Director -> ..."
     * @param urlsTried the ingest URLs it was sent to, in the order first tried
     * @param attempts  how many times it was sent
     * @param waitedMs  from its first attempt to giving up
     * @param status    the last HTTP status, 0 for no answer
     * @param problem   the last failure, e.g. "ingest http://localhost:8081 unreachable (connection refused)"
     * @param notPosted the events not posted because the replay stopped there (it included)
     */
    public record Abandoned(String what, String label, List<String> urlsTried, int attempts, long waitedMs,
                            int status, String problem, int notPosted) {
        public Abandoned {
            urlsTried = List.copyOf(urlsTried);
        }
    }

    /**
     * @param what   "records", "definition <id>" or the event's eventId
     * @param status the last HTTP status, or 0 when ingest could not be reached
     * @param error  what ingest (or the connection) said
     */
    public record Failure(String what, int status, String error) {}

    /**
     * @param status   the final HTTP status (0: no answer)
     * @param verdict  the ticker's verdict when the answer had one: ACCEPTED, DUPLICATE, REJECTED or PENDING
     * @param firstSeq the first update sequence number it produced, when known
     */
    public record Posted(ReplayStep.Kind kind, String eventId, int status, String verdict, Long firstSeq,
                         long latencyMs) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * The answer to the definition: it has a verdict of its own, like a win. DUPLICATE means the ticker held this
     * very definition already (a replay of the same ceremony): nothing changed, no update was published.
     *
     * @param status   the final HTTP status (0: no answer)
     * @param verdict  ACCEPTED, DUPLICATE, PENDING, or null when the answer had none (an error)
     * @param firstSeq the sequence number of the update it produced, when it made one
     */
    public record Defined(String ceremony, int status, String verdict, Long firstSeq) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** Identical to the definition the ticker held: nothing published. */
        public boolean unchanged() {
            return "DUPLICATE".equals(verdict);
        }
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** Wins and corrections whose answer carried this verdict (ACCEPTED, DUPLICATE, REJECTED, PENDING). */
    public long withVerdict(String verdict) {
        return posted.stream().filter(p -> verdict.equals(p.verdict())).count();
    }

    /** Corrections posted with a 2xx answer. */
    public long corrections() {
        return posted.stream().filter(p -> p.kind() == ReplayStep.Kind.CORRECTION && p.ok()).count();
    }
}
