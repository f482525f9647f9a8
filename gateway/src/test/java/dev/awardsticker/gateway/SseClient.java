package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A Server-Sent Events client over real HTTP, parsing the stream as the WHATWG spec says a browser's EventSource
 * does (id, event, data, retry, comments), and recording every event and comment. It never reconnects by itself: a
 * test reconnects explicitly, with the Last-Event-ID it chooses.
 */
public final class SseClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** One dispatched event; {@code id} is the last event id after it (as EventSource keeps it), may be null. */
    public record Event(String type, String id, String data) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + data, e);
            }
        }
    }

    private final HttpClientAgent client;
    private final HttpClientResponse response;
    private final int status;
    private final MultiMap headers;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile String body = "";
    private volatile boolean ended;
    private volatile Long retry;
    private volatile Predicate<Event> dropAfter;
    private volatile boolean dropped;
    // Parser state, touched only on the client's event loop.
    private final StringBuilder pending = new StringBuilder();
    private String lastEventId;
    private String type;
    private StringBuilder data;

    private SseClient(HttpClientAgent client, HttpClientResponse response) {
        this.client = client;
        this.response = response;
        this.status = response.statusCode();
        this.headers = response.headers();
        response.handler(chunk -> received(chunk.toString(StandardCharsets.UTF_8)));
        response.endHandler(v -> ended = true);
        response.exceptionHandler(e -> ended = true);
        response.request().connection().closeHandler(v -> ended = true);
    }

    /** @param headers name, value, name, value... */
    public static SseClient connect(Vertx vertx, int port, String uri, String... headers) throws Exception {
        return connect(vertx, new HttpClientOptions(), port, uri, headers);
    }

    /** A client whose socket takes little before it stops reading: {@link #pause()} soon backs up the server. */
    public static SseClient connectWithSmallBuffer(Vertx vertx, int port, String uri, String... headers)
            throws Exception {
        return connect(vertx, new HttpClientOptions().setReceiveBufferSize(8 * 1024), port, uri, headers);
    }

    private static SseClient connect(Vertx vertx, HttpClientOptions clientOptions, int port, String uri,
                                     String... headers) throws Exception {
        HttpClientAgent client = vertx.createHttpClient(clientOptions);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port)
                .setURI(uri).putHeader("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            options.putHeader(headers[i], headers[i + 1]);
        }
        // Handlers are set on the event loop as the response arrives, before any of its body can be missed.
        return client.request(options).compose(request -> request.send())
                .map(response -> new SseClient(client, response))
                .await(10, TimeUnit.SECONDS);
    }

    /**
     * Drops the connection right after the first event matching {@code last}, as if the network went away there:
     * whatever the server had already sent after it is never seen.
     */
    public SseClient dropAfter(Predicate<Event> last) {
        dropAfter = last;
        return this;
    }

    /** Stops reading, as a frozen tab or a congested phone would. */
    public void pause() {
        response.pause();
    }

    public void resume() {
        response.resume();
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The whole body, for an answer that is not a stream (an error). */
    public String body() {
        return body;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public Long retry() {
        return retry;
    }

    public boolean ended() {
        return ended;
    }

    /** The id a browser would send as Last-Event-ID if it reconnected now. */
    public String lastEventId() {
        List<Event> all = events();
        return all.isEmpty() ? null : all.get(all.size() - 1).id();
    }

    public Event awaitEvent(String eventType) {
        return awaitEvent(e -> e.type().equals(eventType));
    }

    public Event awaitEvent(Predicate<Event> wanted) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(wanted));
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Seqs of the update events received so far, in order. */
    public List<Long> updateSeqs() {
        return events.stream().filter(e -> e.type().equals("update"))
                .map(e -> e.json().path("update").path("seq").asLong()).toList();
    }

    public List<Long> awaitUpdatesThrough(long seq) {
        await().atMost(WAIT).until(() -> updateSeqs().stream().anyMatch(s -> s >= seq));
        return updateSeqs();
    }

    public void awaitEnded() {
        await().atMost(WAIT).until(() -> ended);
    }

    /** Drops the connection, as a client whose network went away (no more events are parsed afterwards). */
    @Override
    public void close() throws Exception {
        client.close().await(10, TimeUnit.SECONDS);
    }

    private void received(String text) {
        if (dropped) {
            return;
        }
        body = body.length() < 100_000 ? body + text : body;
        pending.append(text);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline);
            pending.delete(0, newline + 1);
            line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (data != null && !dropped) {
                Event event = new Event(type == null ? "message" : type, lastEventId, data.toString());
                events.add(event);
                Predicate<Event> drop = dropAfter;
                if (drop != null && drop.test(event)) {
                    dropped = true;
                    client.close();
                }
            }
            type = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            comments.add(line.substring(1).trim());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        switch (field) {
            case "id" -> lastEventId = value;
            case "event" -> type = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "retry" -> retry = Long.parseLong(value);
            default -> { }
        }
    }

    /** For failure messages. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(e.type() + " " + e.id()));
        return "SseClient" + lines;
    }
}
