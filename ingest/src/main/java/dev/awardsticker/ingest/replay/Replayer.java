package dev.awardsticker.ingest.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replays a past ceremony through the ingest API as editors would have entered it: the reference records, the
 * definition, then each win in announcement order with a deterministic event id
 * ({@code <ceremony>:win:<order, two digits>}), so replaying twice repeats ids instead of inventing new events.
 * One line per submit goes to the sink, with the HTTP status and, for a win, the ticker's verdict (ACCEPTED,
 * DUPLICATE on a replay of the same ids, PENDING); a non-2xx answer (e.g. 409) is reported there and in the
 * summary, never dropped.
 * A 503 (or no answer at all) is retried with the same body after Retry-After, up to {@code maxAttempts} times.
 */
public final class Replayer {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final long DEFAULT_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;
    private static final long REQUEST_IDLE_TIMEOUT_MS = 30_000;

    private final Vertx vertx;
    private final WebClient client;
    private final String baseUrl;
    private final String token;
    private final int maxAttempts;
    private final Consumer<String> sink;

    public Replayer(Vertx vertx, String baseUrl, String token, Consumer<String> sink) {
        this(vertx, baseUrl, token, DEFAULT_MAX_ATTEMPTS, sink);
    }

    /**
     * @param baseUrl     ingest's base URL, e.g. {@code http://localhost:8081}
     * @param token       the editor token to submit with
     * @param maxAttempts attempts per submit when ingest answers 503 or cannot be reached (at least 1)
     * @param sink        receives one line per submit (and per retry)
     */
    public Replayer(Vertx vertx, String baseUrl, String token, int maxAttempts, Consumer<String> sink) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.vertx = vertx;
        this.client = WebClient.create(vertx);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.maxAttempts = maxAttempts;
        this.sink = sink;
    }

    /**
     * Posts {@code records} (if any), the definition, then every win, waiting {@code pace} between the starts of
     * two wins (zero: as fast as ingest answers). Wins are not posted if the definition was not accepted. The
     * future fails only on a bug; every HTTP outcome is in the summary.
     */
    public Future<ReplaySummary> replay(CeremonyImport ceremony, List<RecordReference> records, Duration pace) {
        Run run = new Run(ceremony, pace);
        Future<Boolean> seeded = records.isEmpty() ? Future.succeededFuture(true)
                : run.submit("records", "records: " + records.size() + " reference records", "/records", records);
        String id = ceremony.definition().id();
        return seeded
                .compose(ignored -> run.submit("definition " + id, "definition " + id + ": "
                        + ceremony.definition().categories().size() + " categories", "/ceremonies", ceremony.definition()))
                .compose(defined -> {
                    if (!defined) {
                        sink.accept("not posting wins: the definition of " + id + " was not accepted");
                        return Future.succeededFuture();
                    }
                    return run.win(0);
                })
                .map(done -> run.summary());
    }

    /** The event id a replay gives the win announced {@code order}-th: the same on every replay. */
    public static String eventId(String ceremonyId, int order) {
        return String.format("%s:win:%02d", ceremonyId, order);
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** The state of one replay; its steps run one after another, each after the previous one's future. */
    private final class Run {
        private final CeremonyImport ceremony;
        private final Duration pace;
        private final Set<String> decided = new HashSet<>();
        private final List<Long> latencies = new ArrayList<>();
        private final Map<String, Long> answeredAt = new LinkedHashMap<>();
        private final List<ReplaySummary.Failure> failures = new ArrayList<>();
        private int winsPosted;
        private long lastWinStart;

        Run(CeremonyImport ceremony, Duration pace) {
            this.ceremony = ceremony;
            this.pace = pace;
        }

        Future<Void> win(int index) {
            List<AnnouncedWin> results = ceremony.results();
            if (index == results.size()) {
                sink.accept("replayed " + ceremony.definition().id() + ": " + winsPosted + " of " + results.size()
                        + " wins posted, " + failures.size() + " failures");
                return Future.succeededFuture();
            }
            long waitMs = index == 0 ? 0 : pace.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWinStart);
            Future<?> due = waitMs > 0 ? vertx.timer(waitMs) : Future.succeededFuture();
            return due.compose(ready -> {
                lastWinStart = System.nanoTime();
                AnnouncedWin win = results.get(index);
                String ceremonyId = ceremony.definition().id();
                String eventId = eventId(ceremonyId, win.order());
                // A category's second winner is a deliberate tie, not a correction.
                boolean tie = !decided.add(win.category());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("eventId", eventId);
                body.put("category", win.category());
                body.put("nominee", win.nominee());
                body.put("tie", tie);
                String label = String.format("#%02d %s: %s%s", win.order(), win.category(), win.nominee(),
                        tie ? " (tie)" : "");
                return submit(eventId, label, "/ceremonies/" + ceremonyId + "/wins", body, true)
                        .compose(posted -> win(index + 1));
            });
        }

        Future<Boolean> submit(String what, String label, String path, Object body) {
            return submit(what, label, path, body, false);
        }

        /** Posts until a final answer; true when it was 2xx. */
        private Future<Boolean> submit(String what, String label, String path, Object body, boolean isWin) {
            return attempt(label, path, Buffer.buffer(Json.bytes(body)), 1).map(outcome -> {
                boolean ok = outcome.status() / 100 == 2;
                sink.accept(label + " -> " + outcome.describe() + (ok ? "" : ": " + outcome.error()));
                if (isWin) {
                    latencies.add(outcome.latencyMs());
                    answeredAt.put(what, System.currentTimeMillis());
                    winsPosted += ok ? 1 : 0;
                }
                if (!ok) {
                    failures.add(new ReplaySummary.Failure(what, outcome.status(), outcome.error()));
                }
                return ok;
            });
        }

        private Future<Outcome> attempt(String label, String path, Buffer body, int attempt) {
            long start = System.nanoTime();
            return client.postAbs(baseUrl + path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")
                    .idleTimeout(REQUEST_IDLE_TIMEOUT_MS)
                    .sendBuffer(body)
                    .transform(answer -> {
                        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        Outcome outcome = answer.succeeded()
                                ? Outcome.of(answer.result(), latencyMs)
                                : new Outcome(0, null, latencyMs, "no answer from " + baseUrl + ": " + answer.cause());
                        boolean retriable = outcome.status() == 503 || outcome.status() == 0;
                        if (!retriable || attempt >= maxAttempts) {
                            return Future.succeededFuture(outcome);
                        }
                        long waitMs = answer.succeeded() ? retryAfterMs(answer.result()) : DEFAULT_RETRY_MS;
                        sink.accept(label + " -> " + outcome.describe() + ", retrying in " + waitMs + " ms (attempt "
                                + (attempt + 1) + " of " + maxAttempts + "): " + outcome.error());
                        Future<?> due = waitMs > 0 ? vertx.timer(waitMs) : Future.succeededFuture();
                        return due.compose(v -> attempt(label, path, body, attempt + 1));
                    });
        }

        ReplaySummary summary() {
            return new ReplaySummary(winsPosted, latencies, answeredAt, failures);
        }
    }

    /** @param verdict the ticker's verdict on a win ("ACCEPTED", "DUPLICATE", "PENDING"), when the answer has one */
    private record Outcome(int status, String verdict, long latencyMs, String error) {
        static Outcome of(HttpResponse<Buffer> response, long latencyMs) {
            JsonNode body = json(response);
            JsonNode verdict = body == null ? null : body.get("status");
            return new Outcome(response.statusCode(), verdict != null && verdict.isTextual() ? verdict.textValue() : null,
                    latencyMs, errorText(response, body));
        }

        String describe() {
            return (status == 0 ? "no answer" : Integer.toString(status)) + (verdict == null ? "" : " " + verdict)
                    + " (" + latencyMs + " ms)";
        }
    }

    /** Retry-After in seconds as ingest sends it; anything else (an HTTP date) waits the default. */
    private static long retryAfterMs(HttpResponse<Buffer> response) {
        String header = response.getHeader("Retry-After");
        try {
            return Math.min(MAX_RETRY_MS, Math.max(0, Long.parseLong(header.strip()) * 1000));
        } catch (RuntimeException e) {
            return DEFAULT_RETRY_MS;
        }
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
