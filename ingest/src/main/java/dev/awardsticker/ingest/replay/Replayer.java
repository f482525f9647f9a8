package dev.awardsticker.ingest.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.ReplayStep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replays a past ceremony through the ingest API as editors would have entered it: the reference records, the
 * definition, then each announcement in order and each correction made on stage, with deterministic event ids
 * ({@link ReplayStep}), so replaying twice repeats ids instead of inventing new events.
 * One line per submit goes to the sink, with the HTTP status and, for the definition, a win or a correction, the
 * ticker's verdict (ACCEPTED, DUPLICATE on a replay of the same ids or of a definition it already holds, PENDING)
 * and the sequence number of the update it made; a non-2xx answer (e.g. 409) is reported there and in the
 * summary, never dropped.
 * No answer at all, a 503, 429 or another 5xx is retried with the same body (the same event id), as the
 * {@link RetryPolicy} says: with backoff or after Retry-After, failing over to the next ingest URL each time, one
 * progress line per wait. A submit the policy gives up on stops the replay ({@link ReplaySummary#abandoned()}):
 * the events after it are not posted, so a run again with the same ids picks up where it stopped.
 */
public final class Replayer {
    /** The attempts of {@code maxAttempts} callers used before the time budget: {@link RetryPolicy} now. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** "→" where the console can print it, else "->". */
    static final String ARROW = Charset.defaultCharset().newEncoder().canEncode('\u2192') ? "\u2192" : "->";
    private static final long REQUEST_IDLE_TIMEOUT_MS = 30_000;

    private final Vertx vertx;
    private final WebClient client;
    private final List<String> baseUrls;
    private final String token;
    private final RetryPolicy policy;
    private final Consumer<String> sink;
    /** The URL the next submit goes to: the one that answered last. */
    private volatile int current;

    /** Retries each submit for up to {@link RetryPolicy#DEFAULT_BUDGET}. */
    public Replayer(Vertx vertx, String baseUrl, String token, Consumer<String> sink) {
        this(vertx, List.of(baseUrl), token, RetryPolicy.retryFor(RetryPolicy.DEFAULT_BUDGET), sink);
    }

    /**
     * @param baseUrl     ingest's base URL, e.g. {@code http://localhost:8081}
     * @param token       the editor token to submit with
     * @param maxAttempts attempts per submit when ingest answers 503 or 5xx or cannot be reached (at least 1),
     *                    with backoff ({@link RetryPolicy#attempts})
     * @param sink        receives one line per submit (and per retry)
     */
    public Replayer(Vertx vertx, String baseUrl, String token, int maxAttempts, Consumer<String> sink) {
        this(vertx, List.of(baseUrl), token, RetryPolicy.attempts(maxAttempts), sink);
    }

    /**
     * @param baseUrls ingest instances' base URLs (one or more): submits go to the first, and a retry to the next
     * @param policy   when and how long to retry a submit
     * @param sink     receives one line per submit and per retry
     */
    public Replayer(Vertx vertx, List<String> baseUrls, String token, RetryPolicy policy, Consumer<String> sink) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("no ingest URL");
        }
        this.vertx = vertx;
        this.client = WebClient.create(vertx);
        this.baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        this.token = token;
        this.policy = policy;
        this.sink = sink;
    }

    /** Posts {@code records} (if any), the definition, then every step, {@code pace} apart. */
    public Future<ReplaySummary> replay(CeremonyImport ceremony, List<RecordReference> records, Duration pace) {
        return replay(ceremony, records, Pacing.fixed(pace));
    }

    /**
     * Posts {@code records} (if any), the definition, then every step of {@link CeremonyImport#steps()} (wins to
     * {@code /wins}, corrections to {@code /corrections}) paced by {@code pacing}. Steps are not posted if the
     * definition was not accepted. The future fails only on a bug; every HTTP outcome is in the summary.
     */
    public Future<ReplaySummary> replay(CeremonyImport ceremony, List<RecordReference> records, Pacing pacing) {
        Run run = new Run(ceremony, pacing);
        return run.define(records).compose(defined -> {
            if (!defined) {
                sink.accept("not posting wins: the definition of " + ceremony.definition().id() + " was not accepted");
                return Future.succeededFuture();
            }
            return run.step(0);
        }).map(done -> run.summary());
    }

    /** Posts {@code records} (if any) and the definition only: an import, no results. */
    public Future<ReplaySummary> define(CeremonyImport ceremony, List<RecordReference> records) {
        Run run = new Run(ceremony, Pacing.fastest());
        return run.define(records).map(defined -> run.summary());
    }

    /** The event id a replay gives the win announced {@code order}-th: the same on every replay. */
    public static String eventId(String ceremonyId, int order) {
        return ReplayStep.winEventId(ceremonyId, order);
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** The state of one replay; its steps run one after another, each after the previous one's future. */
    private final class Run {
        private final CeremonyImport ceremony;
        private final List<ReplayStep> steps;
        private final long[] gapsMs;
        private final List<Long> latencies = new ArrayList<>();
        private final Map<String, Long> answeredAt = new LinkedHashMap<>();
        private final List<ReplaySummary.Failure> failures = new ArrayList<>();
        private final List<ReplaySummary.Posted> posted = new ArrayList<>();
        private ReplaySummary.Defined defined;
        private final long startNanos = System.nanoTime();
        private int winsPosted;
        private long lastStepStart;
        /** Steps not posted yet, the one being posted included (all of them while records and the definition are). */
        private int remaining;
        private ReplaySummary.Abandoned abandoned;

        Run(CeremonyImport ceremony, Pacing pacing) {
            this.ceremony = ceremony;
            this.steps = ceremony.steps();
            this.gapsMs = pacing.gapsMs(steps);
            this.remaining = steps.size();
        }

        Future<Boolean> define(List<RecordReference> records) {
            String id = ceremony.definition().id();
            Future<Boolean> seeded = records.isEmpty() ? Future.succeededFuture(true)
                    : submit("records", "records: " + records.size() + " reference records", "/records", records);
            String label = "definition " + id + ": " + ceremony.definition().categories().size() + " categories";
            return seeded.compose(ignored -> abandoned != null ? Future.succeededFuture(false) : attempt(label, "/ceremonies",
                    Buffer.buffer(Json.bytes(ceremony.definition())), "definition " + id).map(outcome -> {
                boolean ok = outcome.status() / 100 == 2;
                defined = new ReplaySummary.Defined(id, outcome.status(), outcome.verdict(), outcome.firstSeq());
                sink.accept(label + " -> " + outcome.describe() + (ok ? "" : ": " + outcome.error()));
                if (!ok) {
                    failures.add(new ReplaySummary.Failure("definition " + id, outcome.status(), outcome.error()));
                }
                return ok;
            }));
        }

        Future<Void> step(int index) {
            if (abandoned != null) {
                sink.accept("stopped " + ceremony.definition().id() + ": gave up on " + abandoned.what() + "; "
                        + abandoned.notPosted() + " of " + steps.size() + " events not posted");
                return Future.succeededFuture();
            }
            if (index == steps.size()) {
                sink.accept("replayed " + ceremony.definition().id() + ": " + posted.stream().filter(p -> p.ok()).count()
                        + " of " + steps.size() + " events posted, " + failures.size() + " failures");
                return Future.succeededFuture();
            }
            long waitMs = index == 0 ? 0
                    : gapsMs[index] - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastStepStart);
            Future<?> due = waitMs > 0 ? vertx.timer(waitMs) : Future.succeededFuture();
            return due.compose(ready -> {
                lastStepStart = System.nanoTime();
                ReplayStep step = steps.get(index);
                String ceremonyId = ceremony.definition().id();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("eventId", step.eventId());
                body.put("category", step.category());
                body.put("nominee", step.nominee());
                String path;
                if (step.kind() == ReplayStep.Kind.WIN) {
                    // A category's second winner is a deliberate tie, not a correction.
                    body.put("tie", isTie(index));
                    path = "/ceremonies/" + ceremonyId + "/wins";
                } else {
                    body.put("correctNominee", step.correctTo());
                    if (step.reason() != null) {
                        body.put("reason", step.reason());
                    }
                    path = "/ceremonies/" + ceremonyId + "/corrections";
                }
                String label = "[" + (index + 1) + "/" + steps.size() + "] " + describe(step, isTie(index));
                remaining = steps.size() - index;
                return submit(step, label, path, body).compose(ok -> step(index + 1));
            });
        }

        /** A win is a tie when its category already has a winner standing (not one a correction replaced). */
        private boolean isTie(int index) {
            ReplayStep step = steps.get(index);
            if (step.kind() != ReplayStep.Kind.WIN) {
                return false;
            }
            return steps.subList(0, index).stream().anyMatch(s -> s.kind() == ReplayStep.Kind.WIN
                    && s.category().equals(step.category()));
        }

        private String describe(ReplayStep step, boolean tie) {
            if (step.kind() == ReplayStep.Kind.CORRECTION) {
                return step.category() + " CORRECTED: " + step.nominee() + " " + ARROW + " " + step.correctTo()
                        + work(step.category(), step.correctTo());
            }
            return step.category() + " " + ARROW + " " + step.nominee() + work(step.category(), step.nominee())
                    + (tie ? " (tie)" : "");
        }

        /** " (La La Land)" when the nominee is a person or song of a work named otherwise. */
        private String work(String category, String nominee) {
            return ceremony.definition().category(category).flatMap(c -> c.nominee(nominee))
                    .map(n -> n.work() == null || n.work().equals(n.name()) ? "" : " (" + n.work() + ")").orElse("");
        }

        Future<Boolean> submit(String what, String label, String path, Object body) {
            return attempt(label, path, Buffer.buffer(Json.bytes(body)), what).map(outcome -> {
                boolean ok = outcome.status() / 100 == 2;
                sink.accept(label + " -> " + outcome.describe() + (ok ? "" : ": " + outcome.error()));
                if (!ok) {
                    failures.add(new ReplaySummary.Failure(what, outcome.status(), outcome.error()));
                }
                return ok;
            });
        }

        /** Posts a step until a final answer; true when it was 2xx. */
        private Future<Boolean> submit(ReplayStep step, String label, String path, Object body) {
            return attempt(label, path, Buffer.buffer(Json.bytes(body)), step.eventId()).map(outcome -> {
                boolean ok = outcome.status() / 100 == 2;
                sink.accept(label + "  " + outcome.progress() + (ok ? "" : ": " + outcome.error()));
                latencies.add(outcome.latencyMs());
                answeredAt.put(step.eventId(), System.currentTimeMillis());
                if (ok && step.kind() == ReplayStep.Kind.WIN) {
                    winsPosted++;
                }
                posted.add(new ReplaySummary.Posted(step.kind(), step.eventId(), outcome.status(), outcome.verdict(),
                        outcome.firstSeq(), outcome.latencyMs()));
                if (!ok) {
                    failures.add(new ReplaySummary.Failure(step.eventId(), outcome.status(), outcome.error()));
                }
                return ok;
            });
        }

        /** Posts until a final answer, or until the policy gives up (then {@link #abandoned} says so). */
        private Future<Outcome> attempt(String label, String path, Buffer body, String what) {
            RetryPolicy.Submit submit = policy.start(baseUrls, current, Replayer::nowMs);
            return attempt(label, path, body, what, submit);
        }

        private Future<Outcome> attempt(String label, String path, Buffer body, String what,
                                        RetryPolicy.Submit submit) {
            long start = System.nanoTime();
            String url = submit.url();
            return client.postAbs(url + path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")
                    .idleTimeout(REQUEST_IDLE_TIMEOUT_MS)
                    .sendBuffer(body)
                    .transform(answer -> {
                        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        Outcome outcome = answer.succeeded()
                                ? Outcome.of(answer.result(), latencyMs)
                                : new Outcome(0, null, null, latencyMs, "no answer from " + url + ": "
                                        + unreachable(answer.cause()));
                        if (!RetryPolicy.retriable(outcome.status())) {
                            current = submit.urlIndex();
                            return Future.succeededFuture(outcome);
                        }
                        Long retryAfter = answer.succeeded() ? retryAfterMs(answer.result()) : null;
                        RetryPolicy.Decision decision = submit.failed(outcome.status(), retryAfter);
                        String problem = answer.succeeded()
                                ? "ingest " + url + " answered " + outcome.status()
                                        + (outcome.error().isBlank() ? "" : " (" + outcome.error() + ")")
                                : "ingest " + url + " unreachable (" + unreachable(answer.cause()) + ")";
                        if (decision instanceof RetryPolicy.Retry retry) {
                            current = retry.urlIndex();
                            sink.accept(label + ": " + problem + "; retrying"
                                    + (retry.url().equals(url) ? "" : " at " + retry.url())
                                    + " in " + RetryPolicy.seconds(retry.delayMs()) + " " + submit.progress());
                            Future<?> due = retry.delayMs() > 0 ? vertx.timer(retry.delayMs())
                                    : Future.succeededFuture();
                            return due.compose(v -> attempt(label, path, body, what, submit));
                        }
                        abandoned = new ReplaySummary.Abandoned(what, label, submit.urlsTried(), submit.attempts(),
                                submit.waitedMs(), outcome.status(), problem, remaining);
                        sink.accept(label + ": " + problem + "; giving up after " + submit.attempts()
                                + (submit.attempts() == 1 ? " attempt" : " attempts") + " in "
                                + RetryPolicy.seconds(submit.waitedMs()));
                        return Future.succeededFuture(outcome);
                    });
        }

        ReplaySummary summary() {
            return new ReplaySummary(winsPosted, latencies, answeredAt, failures, posted, defined,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), abandoned);
        }
    }

    /**
     * @param verdict  the ticker's verdict on a win or definition ("ACCEPTED", "DUPLICATE", "PENDING"), when the
     *                 answer has one
     * @param firstSeq the sequence number of the update the command produced, when the answer has one
     */
    private record Outcome(int status, String verdict, Long firstSeq, long latencyMs, String error) {
        static Outcome of(HttpResponse<Buffer> response, long latencyMs) {
            JsonNode body = json(response);
            JsonNode verdict = body == null ? null : body.get("status");
            JsonNode seq = body == null ? null : body.get("firstSeq");
            return new Outcome(response.statusCode(), verdict != null && verdict.isTextual() ? verdict.textValue() : null,
                    seq != null && seq.canConvertToLong() && seq.asLong() > 0 ? seq.asLong() : null,
                    latencyMs, errorText(response, body));
        }

        /** "202 ACCEPTED seq=45  84 ms" (a step's progress line) */
        String progress() {
            return (status == 0 ? "no answer" : Integer.toString(status)) + (verdict == null ? "" : " " + verdict)
                    + (firstSeq == null ? "" : " seq=" + firstSeq) + "  " + latencyMs + " ms";
        }

        /** "202 ACCEPTED seq=1 (40 ms)", "200 DUPLICATE (12 ms)", "401 (3 ms)" */
        String describe() {
            return (status == 0 ? "no answer" : Integer.toString(status)) + (verdict == null ? "" : " " + verdict)
                    + (firstSeq == null ? "" : " seq=" + firstSeq) + " (" + latencyMs + " ms)";
        }
    }

    /** Retry-After in seconds as ingest sends it, or null (none, or an HTTP date): the backoff then. */
    private static Long retryAfterMs(HttpResponse<Buffer> response) {
        String header = response.getHeader("Retry-After");
        try {
            return header == null ? null : Math.max(0, Long.parseLong(header.strip()) * 1000);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** "connection refused", "no answer within 30 s", "connection closed", else the cause's own words. */
    static String unreachable(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")
                    ? "connection timed out" : "connection refused";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof io.netty.handler.timeout.TimeoutException
                || String.valueOf(cause.getMessage()).contains("timeout period")) {
            return "no answer within " + RetryPolicy.seconds(REQUEST_IDLE_TIMEOUT_MS);
        }
        if (cause instanceof io.vertx.core.http.HttpClosedException) {
            return "connection closed";
        }
        return String.valueOf(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    private static long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    private static JsonNode json(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body.getBytes());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {"error": ...} of an answer, else its body as text. */
    private static String errorText(HttpResponse<Buffer> response, JsonNode json) {
        JsonNode error = json == null ? null : json.get("error");
        if (error != null && error.isTextual()) {
            return error.textValue();
        }
        Buffer body = response.body();
        String text = body == null ? "" : body.toString();
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
