package dev.awardsticker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An editor's desk client as the ingest API asks editors to behave: on no answer or 503, send the very same
 * request (same event id) again, to whichever ingest instance answers. It keeps a log of what happened.
 */
final class FailoverEditor {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** The final answer to one request. */
    record Answer(int status, JsonNode body, int attempts) {
        boolean acknowledged() {
            return status / 100 == 2;
        }

        String verdict() {
            return body == null ? "" : body.path("status").asText();
        }
    }

    private final Supplier<List<String>> ingestUrls;
    private final String token;
    final List<String> log = new CopyOnWriteArrayList<>();

    FailoverEditor(Supplier<List<String>> ingestUrls, String token) {
        this.ingestUrls = ingestUrls;
        this.token = token;
    }

    /** Posts until an instance gives a final answer (anything but 503 or no answer), for at most {@code atMost}. */
    Answer post(String path, Object body, int preferred, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        byte[] bytes = Json.bytes(body);
        for (int attempt = 1; ; attempt++) {
            List<String> urls = ingestUrls.get();
            String url = urls.get((preferred + attempt - 1) % urls.size());
            Answer answer = once(url + path, bytes, attempt);
            if (answer != null && answer.status() != 503) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no final answer to " + path + " in " + atMost + ": " + log);
            }
            // Back off a little before the next instance; Retry-After is seconds, too coarse for a test.
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, 100L * attempt));
        }
    }

    /** One attempt; null when the instance did not answer at all. */
    Answer once(String url, byte[] body, int attempt) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : Json.MAPPER.readTree(response.body());
            log.add(url + " -> " + response.statusCode() + " " + (json == null ? "" : json.path("status").asText()));
            return new Answer(response.statusCode(), json, attempt);
        } catch (IOException e) {
            log.add(url + " -> no answer: " + e);
            return null;
        }
    }
}
