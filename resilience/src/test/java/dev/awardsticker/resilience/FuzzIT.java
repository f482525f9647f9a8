package dev.awardsticker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.launcher.Pipeline;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input at scale: well over a thousand generated malformed, oversized, wrongly typed, injected and
 * unauthorized requests to every HTTP endpoint of ingest and the gateway (REST views, Server-Sent Events, the
 * webhook admin API), and malformed frames on the WebSocket. None may get a 5xx, none may publish anything, and the services must stay ready. Seeded, so a
 * failure can be replayed: the seed is printed and can be set with {@code -Dfuzz.seed=}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FuzzIT {
    private static final String TOKEN = "fuzz-token";
    private static final String ADMIN_TOKEN = "fuzz-admin-token-" + UUID.randomUUID();
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
    private static final String ID = GG74.definition().id();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Strings that have broken other systems (never valid ids; as names, they name nothing in the definition): markup, quotes, control and bidi characters, lone surrogates. */
    private static final List<String> NASTY = List.of(
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1' --", "../../etc/passwd",
            "%00", "\u0000", "\u202Egnp.exe", "\u200B", "\uD800", "\uDFFF", "𝕃𝕒 𝕃𝕒 𝕃𝕒𝕟𝕕", "ﷺ", "${jndi:ldap://x/a}",
            "{{7*7}}", "\\u0000", "\r\nSet-Cookie: x=1", "a".repeat(70_000), " ", "", "null", "NaN", "-1");
    /** Never a valid value for a text field of ours (no plain strings here: "x" would be a fine title). */
    private static final List<Object> WRONG_TYPES = List.of(1, -1, 1.5e308, Long.MAX_VALUE, true, List.of(), List.of(1, 2),
            Map.of(), Map.of("a", 1));

    /**
     * What a request can write (and the live feed that any accepted write would move). Other outputs are derived
     * from these and settle on their own schedule (the derived Streams app commits every 100 ms), so they are no
     * evidence either way. Every accepted command would also be on ceremony-commands, verdict or not.
     */
    private static final List<String> WRITTEN_BY_REQUESTS = List.of(Topics.CEREMONY_DEFINITIONS, Topics.CEREMONY_COMMANDS,
            Topics.AWARD_RECORDS, Topics.WEBHOOK_SUBSCRIPTIONS, Topics.CEREMONY_UPDATES);

    static Pipeline pipeline;
    static String gateway;
    static Random random;
    final List<String> report = new ArrayList<>();

    @BeforeAll
    static void startWithARealCeremony(KafkaBroker broker) throws Exception {
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0, "fuzz-" + UUID.randomUUID(),
                "fuzz-desk", TOKEN), new WebhookConfig(List.of(ADMIN_TOKEN), 100, 1000, 60_000, 1000,
                "fuzz-" + UUID.randomUUID()));
        gateway = "http://127.0.0.1:" + pipeline.gatewayPort();
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FUZZ seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        random = new Random(seed);
        assertEquals(202, post("/records", Json.bytes(ReferenceRecordsLoader.before(GG74.definition())), "application/json",
                "Bearer " + TOKEN).statusCode());
        assertEquals(202, post("/ceremonies", Json.bytes(GG74.definition()), "application/json", "Bearer " + TOKEN).statusCode());
        // The definition's own updates are written (and the gateway has them) before the topics are measured.
        HttpRequest ceremony = HttpRequest.newBuilder(URI.create(gateway + "/api/ceremonies/" + ID)).build();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> HTTP.send(ceremony, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aThousandBadRequestsGetTheirOwn4xxPublishNothingAndLeaveEveryServiceReady(KafkaBroker broker) throws Exception {
        Map<TopicPartition, Long> before = endOffsets(broker);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int sent = 0;
        for (int round = 0; round < 30; round++) {
            for (Request request : generate()) {
                HttpResponse<String> response = send(request);
                sent++;
                byStatus.merge(response.statusCode(), 1, Integer::sum);
                check(request, response);
            }
        }
        int frames = fuzzWebSocket(300);

        assertTrue(sent >= 1000, "only " + sent + " requests");
        assertEquals(List.of(), report, () -> report.size() + " problems");
        assertEquals(before, endOffsets(broker), "a rejected request was published");
        for (String ready : List.of(pipeline.ingestUrl() + "/ready", gateway + "/ready",
                "http://127.0.0.1:" + pipeline.streamsHttpPort() + "/ready")) {
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), ready);
        }
        System.out.printf("FUZZ %d HTTP requests by status %s, %d WebSocket frames; 0 server errors, 0 records published%n",
                sent, byStatus, frames);
    }

    /** One round: every endpoint, broken in every way we know. */
    private List<Request> generate() {
        List<Request> out = new ArrayList<>();
        Map<String, Object> win = new LinkedHashMap<>(Map.of("eventId", "fuzz-" + random.nextInt(1000),
                "category", "Best Director", "nominee", "Damien Chazelle"));
        Map<String, Object> correction = new LinkedHashMap<>(Map.of("eventId", "fuzz-c-" + random.nextInt(1000),
                "category", "Best Director", "nominee", "Damien Chazelle", "reason", "fuzz"));
        Map<String, Object> definition = Json.MAPPER.convertValue(GG74.definition(), Map.class);
        List<String> writes = List.of("/ceremonies", "/ceremonies/" + ID + "/wins", "/ceremonies/" + ID + "/corrections", "/records");
        List<Object> validBodies = List.of(definition, win, correction, List.of());

        for (int i = 0; i < writes.size(); i++) {
            String path = writes.get(i);
            byte[] valid = Json.bytes(validBodies.get(i));
            // Unauthorized, each with a body that would otherwise be accepted.
            out.add(new Request("POST", ingest(path), valid, "application/json", null, 401));
            // Under Vert.x's 8 KB header limit: over it, Vert.x itself answers 431 and drops the connection, often
            // before the client has finished sending, so the client sees a reset rather than an answer.
            String wrong = "Bearer wrong-" + pick(NASTY);
            out.add(new Request("POST", ingest(path), valid, "application/json", wrong.substring(0, Math.min(wrong.length(), 7000)), 401));
            out.add(new Request("POST", ingest(path), valid, "application/json", "Basic " + TOKEN, 401));
            // Not JSON, truncated JSON, JSON of the wrong shape.
            out.add(bad("POST", ingest(path), truncate(valid)));
            out.add(bad("POST", ingest(path), randomBytes(random.nextInt(64) + 1)));
            out.add(bad("POST", ingest(path), "[".repeat(5000).getBytes(StandardCharsets.UTF_8)));
            out.add(bad("POST", ingest(path), ("{\"eventId\":" + "9".repeat(2000) + "}").getBytes(StandardCharsets.UTF_8)));
            out.add(bad("POST", ingest(path), "{\"eventId\":1e99999}".getBytes(StandardCharsets.UTF_8)));
            out.add(bad("POST", ingest(path), pick(List.of("null", "\"x\"", "42", "true", "{}", "[]")).getBytes(StandardCharsets.UTF_8)));
            // Wrong content type, oversized.
            out.add(new Request("POST", ingest(path), valid, pick(List.of("text/plain", "application/xml",
                    "multipart/form-data", "application/x-www-form-urlencoded")), "Bearer " + TOKEN, 415));
            out.add(new Request("POST", ingest(path), new byte[2 * 1024 * 1024 + random.nextInt(1000)], "application/json",
                    "Bearer " + TOKEN, 413));
        }
        // A field at a time: wrongly typed or injected (names that exist nowhere, so they are unknown, not new).
        for (String field : List.of("eventId", "category", "nominee", "tie")) {
            Map<String, Object> body = new LinkedHashMap<>(win);
            body.put(field, field.equals("tie") ? pick(List.of("yes", 1, List.of())) : pickAny());
            out.add(bad("POST", ingest("/ceremonies/" + ID + "/wins"), Json.bytes(body)));
        }
        // Not "reason": any text is a fine reason, and the correction itself would then be judged by Streams.
        for (String field : List.of("eventId", "category", "nominee", "correctNominee")) {
            Map<String, Object> body = new LinkedHashMap<>(correction);
            body.put(field, pickAny());
            out.add(bad("POST", ingest("/ceremonies/" + ID + "/corrections"), Json.bytes(body)));
        }
        for (String field : List.of("id", "award", "title", "edition", "date", "broadcaster", "categories")) {
            Map<String, Object> body = new LinkedHashMap<>(definition);
            body.put(field, field.equals("id") ? pick(NASTY) + "!" : pick(WRONG_TYPES.subList(4, WRONG_TYPES.size())));
            out.add(bad("POST", ingest("/ceremonies"), Json.bytes(body)));
        }
        out.add(bad("POST", ingest("/records"), Json.bytes(List.of(Map.of("award", pick(NASTY), "record", 7)))));
        // Unknown or injected ceremony ids in paths; other methods; reads with junk.
        String nasty = URI.create("http://x/" + encode(pick(NASTY))).getRawPath().substring(1);
        out.add(bad("POST", ingest("/ceremonies/" + nasty + "/wins"), Json.bytes(win)));
        out.add(new Request("GET", ingest("/ceremonies/" + nasty), null, null, null, nasty.isEmpty() ? 0 : 404));
        out.add(new Request(pick(List.of("PUT", "DELETE", "PATCH")), ingest("/ceremonies/" + ID + "/wins"), Json.bytes(win),
                "application/json", "Bearer " + TOKEN, 0));
        out.add(new Request("GET", gateway + "/api/ceremonies/" + nasty, null, null, null, 0));
        out.add(new Request("GET", gateway + "/api/ceremonies?" + nasty + "=" + nasty, null, null, null, 0));
        out.add(new Request("GET", gateway + "/" + nasty, null, null, null, 0));
        out.add(new Request(pick(List.of("POST", "PUT", "DELETE")), gateway + "/api/ceremonies/" + ID, randomBytes(100),
                "application/json", null, 0));
        out.add(new Request("GET", gateway + "/ws", null, null, null, 0));
        // Server-Sent Events: only requests that must be refused (an accepted one would stream for ever).
        out.add(new Request("GET", gateway + "/sse?ceremony=" + encode(pick(NASTY) + "!"), null, null, null, 400));
        out.add(new Request("GET", gateway + "/sse?ceremony=" + ID + "&alertsOnly=" + encode(pick(NASTY)), null, null, null, 400));
        out.add(new Request("GET", gateway + "/sse?ceremony=" + ID + "&" + encode(pick(NASTY)) + "x=1", null, null, null, 400));
        out.add(new Request("GET", gateway + "/sse", null, null, null, 400));
        // REST views of a ceremony, with junk ids and conditional headers' worth of junk in the query.
        for (String view : List.of("", "/tallies", "/leaderboard", "/alerts")) {
            out.add(new Request("GET", gateway + "/api/ceremonies/" + nasty + view, null, null, null, 0));
        }
        // The webhook admin API: unauthorized, then authorized with bodies that must be refused.
        byte[] webhook = Json.bytes(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("ceremony", ID)));
        out.add(new Request("POST", gateway + "/api/webhooks", webhook, "application/json", null, 401));
        String junk = pick(NASTY);
        out.add(new Request("POST", gateway + "/api/webhooks", webhook, "application/json",
                "Bearer " + junk.substring(0, Math.min(100, junk.length())) + "x", 401));
        out.add(new Request("GET", gateway + "/api/webhooks", null, null, null, 401));
        out.add(new Request("POST", gateway + "/api/webhooks", Json.bytes(Map.of("url", pickAny())), "application/json",
                "Bearer " + ADMIN_TOKEN, -1));
        out.add(new Request("POST", gateway + "/api/webhooks", Json.bytes(Map.of("url", "http://127.0.0.1:9/hook",
                "secret", pick(List.of("short", 7, List.of())))), "application/json", "Bearer " + ADMIN_TOKEN, -1));
        out.add(new Request("POST", gateway + "/api/webhooks", truncate(webhook), "application/json", "Bearer " + ADMIN_TOKEN, -1));
        out.add(new Request("DELETE", gateway + "/api/webhooks/" + nasty + "x", null, null, "Bearer " + ADMIN_TOKEN, -1));
        return out;
    }

    private void check(Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        String what = request.method() + " " + request.url() + " -> " + status + " " + abbreviate(response.body());
        if (status >= 500) {
            report.add("server error: " + what);
        } else if (request.expected() == 0) {
            return; // a read or an odd method: anything but a server error will do (junk query parameters are ignored)
        } else if (status < 400) {
            report.add("not refused: " + what);
        } else if (request.expected() != -1 && status != request.expected()) {
            report.add("expected " + request.expected() + ": " + what);
        } else if (request.expected() == -1 && !List.of(400, 404, 405, 409, 413, 415, 422).contains(status)) {
            report.add("expected a specific 4xx: " + what);
        }
        if (request.url().startsWith(pipeline.ingestUrl()) && status != 405) {
            // Every refusal of the editors' API explains itself in JSON, never as a page that would render input.
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/json")) {
                report.add("not JSON (" + type + "): " + what);
            } else {
                JsonNode error = readJson(response.body()).path("error");
                if (!error.isTextual() || error.asText().isBlank()) {
                    report.add("no error message: " + what);
                }
            }
        }
    }

    /** Malformed frames, one connection each: each gets an error frame or a close with a client-error code. */
    private int fuzzWebSocket(int count) throws Exception {
        WebSocketClient client = pipeline.vertx().createWebSocketClient();
        try {
            for (int i = 0; i < count; i++) {
                Object frame = switch (i % 8) {
                    case 0 -> new String(randomBytes(40), StandardCharsets.ISO_8859_1);
                    case 1 -> "{\"op\":\"" + pick(NASTY) + "\"}";
                    case 2 -> Json.text(Map.of("op", "subscribe", "ceremony", pickAny()));
                    case 3 -> Json.text(Map.of("op", "subscribe", "ceremony", ID, "lastSeq", pick(WRONG_TYPES)));
                    case 4 -> Json.text(Map.of("op", "subscribe", "ceremony", ID, "filter",
                            Map.of("works", pick(List.of(1, true, Map.of(), List.of(1, 2), "Moonlight")))));
                    case 5 -> "x".repeat(200_000);
                    case 6 -> Buffer.buffer(randomBytes(16));
                    default -> "[".repeat(3000);
                };
                String outcome = exchange(client, frame);
                if (!outcome.startsWith("error") && !outcome.matches("closed (1009|4400)")) {
                    report.add("WebSocket frame #" + i + " -> " + outcome);
                }
            }
        } finally {
            client.close();
        }
        return count;
    }

    private String exchange(WebSocketClient client, Object frame) throws Exception {
        Promise<String> outcome = Promise.promise();
        Future<String> answer = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(pipeline.gatewayPort()).setURI("/ws")).compose(ws -> {
            ws.textMessageHandler(text -> outcome.tryComplete(text.contains("\"type\":\"error\"") ? "error" : "frame " + abbreviate(text)));
            ws.closeHandler(v -> outcome.tryComplete("closed " + ws.closeStatusCode()));
            Future<Void> written = frame instanceof Buffer binary ? ws.writeBinaryMessage(binary) : ws.writeTextMessage((String) frame);
            return written.compose(v -> outcome.future()).eventually(() -> ws.isClosed() ? Future.succeededFuture() : ws.close());
        });
        return answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Request(String method, String url, byte[] body, String contentType, String authorization, int expected) {}

    /** A write with the right token that must be refused for its content: 400, 413, 415 or 422 (-1: any of them). */
    private static Request bad(String method, String url, byte[] body) {
        return new Request(method, url, body, "application/json", "Bearer " + TOKEN, -1);
    }

    private static HttpResponse<String> send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(Duration.ofSeconds(20))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.authorization() != null) {
            // The JDK client sends printable ASCII only; other bytes in a token are the same "wrong token" anyway.
            builder.header("Authorization", request.authorization().replaceAll("[^\\x20-\\x7e]", "?"));
        }
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server may refuse an oversized body by answering and closing before reading it all.
            throw new IOException(request.method() + " " + request.url() + " (body " + (request.body() == null ? 0 : request.body().length) + " bytes, type " + request.contentType() + ", authorization " + (request.authorization() == null ? 0 : request.authorization().length()) + " chars): " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> post(String path, byte[] body, String type, String auth) throws Exception {
        return send(new Request("POST", pipeline.ingestUrl() + path, body, type, auth, 0));
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaBroker broker) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = WRITTEN_BY_REQUESTS.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return new java.util.HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private String ingest(String path) {
        return pipeline.ingestUrl() + path;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private Object pickAny() {
        return random.nextBoolean() ? pick(NASTY) + "\u2060" : pick(WRONG_TYPES);
    }

    private byte[] truncate(byte[] valid) {
        return java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s.length() > 200 ? s.substring(0, 200) : s, StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
