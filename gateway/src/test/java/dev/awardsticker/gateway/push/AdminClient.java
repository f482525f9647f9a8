package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The webhook admin API over real HTTP, for tests. */
final class AdminClient {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    private final int port;
    private final String token;

    AdminClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    Response post(String json) {
        return post("/api/webhooks", json);
    }

    Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response delete(String id) {
        return send(request("/api/webhooks/" + id).DELETE());
    }

    /** Creates a subscription and returns its id. */
    String create(String url, String secret, String ceremony, boolean alertsOnly) {
        Response created = post(Json.text(java.util.Map.of("url", url, "secret", secret,
                "filter", java.util.Map.of("ceremony", ceremony, "alertsOnly", alertsOnly))));
        if (created.status() != 201) {
            throw new IllegalStateException("POST /api/webhooks answered " + created);
        }
        return created.json().path("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
