package dev.awardsticker.streams;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Streams app's HTTP listener before the app runs: alive, not ready (with why), metrics served. No Kafka. */
class StreamsHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void answersHealthReadyAndMetricsBeforeTheAppRuns() throws Exception {
        StreamsAppConfig config = new StreamsAppConfig("localhost:9", "http-test", Files.createTempDirectory("http-test"),
                10, 1, 1).withHttpPort(0);
        try (TickerStreams app = TickerStreams.create(config)) {
            String base = "http://localhost:" + app.port();
            assertEquals(200, get(base + "/health").statusCode());

            HttpResponse<String> ready = get(base + "/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("\"state\":\"CREATED\""), ready.body());
            assertTrue(ready.body().contains("\"reason\":\"not started yet\""), ready.body());

            HttpResponse<String> metrics = get(base + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("ticker_streams_events_total{outcome=\"accepted\"} 0"), metrics.body());
            assertEquals(404, get(base + "/metrics/nope").statusCode());
        }
    }

    @Test
    void fromTheEnvironmentTheListenerDefaultsToPort8082AndCodeGetsAFreePort() {
        assertEquals(0, new StreamsAppConfig("k:9092", "a", java.nio.file.Path.of("state"), 10, 1, 1)
                .httpPort());
        assertEquals(StreamsAppConfig.DEFAULT_HTTP_PORT, 8082);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
