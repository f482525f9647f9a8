package dev.awardsticker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A newsroom system following the Server-Sent Events feed as an {@code EventSource} does: when the stream ends or
 * the gateway is gone, it reconnects (to the next gateway in its list) with {@code Last-Event-ID}, recording what
 * it applied in a {@link GapFreeLog}.
 */
final class ResumingSseReader {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Integer> gatewayPorts;
    private final String ceremony;
    private final GapFreeLog log = new GapFreeLog();
    private final Thread thread;
    private volatile String lastEventId;
    private volatile boolean closed;
    private volatile InputStream current;

    ResumingSseReader(List<Integer> gatewayPorts, String ceremony) {
        this.gatewayPorts = List.copyOf(gatewayPorts);
        this.ceremony = ceremony;
        this.thread = new Thread(this::run, "sse-reader-" + ceremony);
        thread.setDaemon(true);
    }

    ResumingSseReader start() {
        thread.start();
        return this;
    }

    private void run() {
        for (int attempt = 0; !closed; attempt++) {
            int port = gatewayPorts.get(attempt % gatewayPorts.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sse?ceremony=" + ceremony));
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            try {
                HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                } else {
                    log.session("gateway :" + port + (lastEventId == null ? " fresh" : " from " + lastEventId));
                    current = response.body();
                    read(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                // That gateway is down or the stream broke: the next attempt goes to the next gateway.
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                try {
                    Thread.sleep(200); // the reconnect delay an EventSource takes (retry:), not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Reads events until the stream ends: "event:", "id:" and "data:" lines, a blank line ends an event. */
    private void read(BufferedReader lines) throws IOException {
        String event = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    dispatch(event, id, data.toString());
                }
                event = "message";
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
    }

    private void dispatch(String event, String id, String data) throws IOException {
        JsonNode frame = Json.MAPPER.readTree(data);
        switch (event) {
            case "snapshot" -> log.snapshot(frame.path("epoch").asLong(), frame.path("seq").asLong());
            case "reset" -> log.problem("reset: " + data);
            case "resumed" -> log.session("resumed");
            case "update" -> log.update(Json.MAPPER.convertValue(frame.get("update"), CeremonyUpdate.class));
            default -> log.problem("unknown event " + event);
        }
        if (id != null) {
            lastEventId = id;
        }
    }

    GapFreeLog log() {
        return log;
    }

    void close() {
        closed = true;
        InputStream stream = current;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
