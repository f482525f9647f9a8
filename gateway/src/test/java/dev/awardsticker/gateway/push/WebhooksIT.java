package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.Http;
import dev.awardsticker.gateway.TestClient;
import dev.awardsticker.gateway.TestProducer;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.alertWithdrawn;
import static dev.awardsticker.gateway.Fixtures.chazelleWinsDirector;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.definitionEvent;
import static dev.awardsticker.gateway.Fixtures.moonlightWinsPicture;
import static dev.awardsticker.gateway.Fixtures.tally;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static dev.awardsticker.gateway.Fixtures.winner;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhooks against a real broker and real HTTP receivers. */
@ExtendWith(KafkaBrokerExtension.class)
class WebhooksIT {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksIT.class);
    static final String TOKEN = "test-admin-token-" + UUID.randomUUID();
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // the specification's example
    private static final long EPOCH = 11;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static TestProducer producer;
    private static KafkaBroker kafka;
    private static GatewayService gateway;
    private static AdminClient admin;
    private final List<String> created = new ArrayList<>();
    private final List<TestReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        kafka = broker;
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        // Short backoff so retries take milliseconds; a long timeout so a hanging receiver stays hanging.
        WebhookConfig webhooks = WebhookConfig.defaults().withAdminTokens(List.of(TOKEN))
                .withRetry(20, 200, 3_000).withTimeoutMs(30_000).withGroupId("webhooks-it-" + UUID.randomUUID());
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0), webhooks)
                .await(30, TimeUnit.SECONDS);
        admin = new AdminClient(gateway.port(), TOKEN);
        await().atMost(WAIT).until(() -> admin.get("/api/webhooks").status() == 200);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close().await(30, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void deleteSubscriptions() {
        created.forEach(admin::delete);
        receivers.forEach(TestReceiver::close);
    }

    @Test
    void retriesUntilAcceptedOnceAndSignsEveryAttempt() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.start((id, attempt) -> attempt <= 2 ? 503 : 200));
        String ceremony = uniqueCeremony("retry");
        String id = subscribe(receiver, ceremony, true);

        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT),
                alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT), tally(ceremony, EPOCH, 4, MOONLIGHT, 1),
                alertWithdrawn(ceremony, EPOCH, 5, 3), alert(ceremony, EPOCH, 6, PICTURE, MOONLIGHT));
        await().atMost(WAIT).until(() -> receiver.accepted().size() >= 3);

        // Updates are delivered in order, one at a time: once seq 6 is accepted, nothing before it is pending.
        List<String> expected = List.of(id + ":" + ceremony + ":" + EPOCH + ":3", id + ":" + ceremony + ":" + EPOCH
                + ":5", id + ":" + ceremony + ":" + EPOCH + ":6");
        assertEquals(expected, receiver.acceptedIds());
        Map<String, Long> attemptsPerId = receiver.all().stream()
                .collect(Collectors.groupingBy(TestReceiver.Received::id, Collectors.counting()));
        assertEquals(Map.of(expected.get(0), 3L, expected.get(1), 3L, expected.get(2), 3L), attemptsPerId);
        for (TestReceiver.Received request : receiver.all()) {
            assertSignedWith(SECRET, request);
        }
        JsonNode body = Json.MAPPER.readTree(receiver.accepted().get(1).body());
        assertEquals(expected.get(1), body.path("id").asText());
        assertEquals(id, body.path("subscription").asText());
        assertEquals(5, body.path("update").path("seq").asLong());
        assertEquals("AlertWithdrawn", body.path("update").path("changes").path(0).path("type").asText());

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = admin.get("/api/webhooks/" + id).json().path("status");
            assertEquals(3, status.path("delivered").asLong());
            assertEquals(6, status.path("retried").asLong());
            assertEquals(0, status.path("deadLettered").asLong());
            assertEquals(6, status.path("lastDelivered").path("seq").asLong());
        });
        String metrics = Http.get(gateway.port(), "/metrics").body();
        assertTrue(metrics.contains("ticker_gateway_webhook_deliveries_total{outcome=\"delivered\"}"), metrics);
        assertTrue(metrics.contains("ticker_gateway_webhook_deliveries_total{outcome=\"retried\"}"), metrics);
        assertTrue(metrics.contains("ticker_gateway_webhook_delivery_seconds_count"), metrics);
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotDelayAnother() throws Exception {
        TestReceiver hanging = receiver(TestReceiver.start((id, attempt) -> TestReceiver.HANG));
        TestReceiver healthy = receiver(TestReceiver.accepting());
        String ceremony = uniqueCeremony("hang");
        subscribe(hanging, ceremony, true);
        subscribe(healthy, ceremony, true);

        producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT), alert(ceremony, EPOCH, 4, PICTURE, MOONLIGHT),
                alert(ceremony, EPOCH, 5, PICTURE, MOONLIGHT), alert(ceremony, EPOCH, 6, PICTURE, MOONLIGHT));

        await().atMost(WAIT).until(() -> healthy.accepted().size() == 5 && hanging.hanging() >= 1);
        assertEquals(1, hanging.hanging(), "the hanging receiver still holds its first request");
        assertTrue(hanging.all().isEmpty(), "the hanging receiver answered nothing");
        assertEquals(5, healthy.acceptedIds().stream().distinct().count());
    }

    @Test
    void permanentFailureIsDeadLetteredAtOnceAndShownInTheStatus() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.start((id, attempt) -> id.endsWith(":2") ? 422 : 200));
        String ceremony = uniqueCeremony("permanent");
        String id = subscribe(receiver, ceremony, true);
        try (TopicProbe deadLetters = TopicProbe.fromBeginning(kafka, Topics.WEBHOOK_DEAD_LETTERS)) {
            producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                    alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT));

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            assertEquals(List.of(id + ":" + ceremony + ":" + EPOCH + ":3"), receiver.acceptedIds());
            assertEquals(2, receiver.all().size(), "422 is not retried");
            ConsumerRecord<String, byte[]> letter = deadLetters.await(r -> id.equals(r.key()), 1, WAIT).get(0);
            assertEquals(2, Json.MAPPER.readTree(letter.value()).path("update").path("seq").asLong());
            assertTrue(header(letter, KafkaHeaders.DEAD_LETTER_REASON).contains("permanent failure: HTTP 422"));
            assertEquals(id + ":" + ceremony + ":" + EPOCH + ":2", header(letter, KafkaHeaders.WEBHOOK_ID));
            assertEquals("1", header(letter, KafkaHeaders.WEBHOOK_ATTEMPTS));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = admin.get("/api/webhooks/" + id).json().path("status");
            assertEquals(1, status.path("deadLettered").asLong());
            assertEquals(1, status.path("delivered").asLong());
            assertTrue(status.path("lastError").asText().contains("HTTP 422"), status.toString());
        });
    }

    @Test
    void givesUpAfterTheConfiguredTimeAndMovesOn() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.start((id, attempt) -> id.endsWith(":2") ? 500 : 200));
        String ceremony = uniqueCeremony("give-up");
        String id = subscribe(receiver, ceremony, true);
        try (TopicProbe deadLetters = TopicProbe.fromBeginning(kafka, Topics.WEBHOOK_DEAD_LETTERS)) {
            producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                    alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT));
            ConsumerRecord<String, byte[]> letter = deadLetters.await(r -> id.equals(r.key()), 1, WAIT).get(0);
            assertTrue(header(letter, KafkaHeaders.DEAD_LETTER_REASON).startsWith("gave up after "),
                    header(letter, KafkaHeaders.DEAD_LETTER_REASON));
            assertTrue(Integer.parseInt(header(letter, KafkaHeaders.WEBHOOK_ATTEMPTS)) > 1);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertEquals(List.of(id + ":" + ceremony + ":" + EPOCH + ":3"), receiver.acceptedIds());
    }

    @Test
    void allChangesWhenNotAlertsOnlyAndDeleteStopsDeliveries() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.accepting());
        String ceremony = uniqueCeremony("delete");
        String id = subscribe(receiver, ceremony, false);
        producer.send(defined(ceremony, EPOCH, 1), winner(ceremony, EPOCH, 2, PICTURE, MOONLIGHT, MOONLIGHT));
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);

        assertEquals(204, admin.delete(id).status());
        assertEquals(404, admin.get("/api/webhooks/" + id).status());
        assertFalse(admin.get("/api/webhooks").body().contains(id));
        await().atMost(WAIT).until(() -> ownedSubscriptions() == 0);

        // A subscription created after the delete sees the next update; the deleted one must not.
        TestReceiver control = receiver(TestReceiver.accepting());
        subscribe(control, ceremony, false);
        producer.send(tally(ceremony, EPOCH, 3, MOONLIGHT, 1));
        await().atMost(WAIT).until(() -> control.accepted().size() == 1);
        assertEquals(2, receiver.all().size());
    }

    /**
     * One POST per update that has a passing change, carrying just those changes: a definition and two wins are
     * three deliveries to an every-change subscriber, and one (the win with an alert) to an alerts-only one.
     */
    @Test
    void oneDeliveryPerUpdateCarryingTheChangesThatPass() throws Exception {
        TestReceiver everything = receiver(TestReceiver.accepting());
        TestReceiver alerts = receiver(TestReceiver.accepting());
        String ceremony = uniqueCeremony("per-update");
        String everythingId = subscribe(everything, ceremony, false);
        String alertsId = subscribe(alerts, ceremony, true);

        producer.send(definitionEvent(ceremony, EPOCH, 1), moonlightWinsPicture(ceremony, EPOCH, 2),
                chazelleWinsDirector(ceremony, EPOCH, 3), alert(ceremony, EPOCH, 4, PICTURE, MOONLIGHT));
        await().atMost(WAIT).until(() -> everything.accepted().size() >= 4 && alerts.accepted().size() >= 2);

        assertEquals(List.of(1L, 2L, 3L, 4L), seqs(everything));
        assertEquals(List.of(2L, 4L), seqs(alerts), "in order: nothing for seq 3, which has no alert");
        JsonNode win = Json.MAPPER.readTree(everything.accepted().get(1).body());
        assertEquals(everythingId + ":" + ceremony + ":" + EPOCH + ":2", win.path("id").asText());
        assertEquals(List.of("WinnerDeclared", "TallyUpdated", "TallyUpdated", "LeaderboardChanged",
                "RecordAlert", "RecordUpdated"), changeTypes(win));
        JsonNode alertsOfWin = Json.MAPPER.readTree(alerts.accepted().get(0).body());
        assertEquals(alertsId + ":" + ceremony + ":" + EPOCH + ":2", alertsOfWin.path("id").asText());
        assertEquals(List.of("RecordAlert", "RecordUpdated"), changeTypes(alertsOfWin));
        assertEquals("evt-2", alertsOfWin.path("update").path("eventId").asText());
        assertEquals(4, everything.all().size(), "one POST each, no repeats");
        assertEquals(2, alerts.all().size());
    }

    /**
     * An every-change subscriber keeps up with a show: a whole ceremony's wins written at once reach the receiver,
     * one POST after another, soon after they reach a WebSocket.
     */
    @Test
    void anEveryChangeSubscriberKeepsUpWithTheWebSocket() throws Exception {
        int wins = 40;
        TestReceiver receiver = receiver(TestReceiver.accepting());
        String ceremony = uniqueCeremony("keeps-up");
        subscribe(receiver, ceremony, false);
        List<CeremonyUpdate> show = new ArrayList<>();
        show.add(definitionEvent(ceremony, EPOCH, 1));
        for (int seq = 2; seq <= wins + 1; seq++) {
            show.add(seq % 2 == 0 ? moonlightWinsPicture(ceremony, EPOCH, seq)
                    : chazelleWinsDirector(ceremony, EPOCH, seq));
        }
        try (TestClient screen = TestClient.connect(vertx, gateway.port()).subscribe(ceremony)) {
            screen.awaitFrame("snapshot");
            long sent = System.nanoTime();
            producer.send(show);
            screen.awaitUpdatesThrough(wins + 1);
            long onScreen = System.nanoTime();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> receiver.accepted().size() >= wins + 1);
            List<TestReceiver.Received> got = receiver.accepted();
            long lastPost = got.get(got.size() - 1).receivedAtNanos();
            long perDeliveryMicros = (lastPost - got.get(0).receivedAtNanos()) / 1_000 / (got.size() - 1);
            long behindScreenMs = Math.max(0, lastPost - onScreen) / 1_000_000;
            LOG.info("{} updates written at once: on the WebSocket after {} ms, all POSTed after {} ms ({} ms behind "
                            + "the screen); {} µs per delivery, one after another", got.size(),
                    (onScreen - sent) / 1_000_000, (lastPost - sent) / 1_000_000, behindScreenMs, perDeliveryMicros);
            assertEquals(wins + 1, got.size());
            // A show brings a win every ~600 ms at its fastest: a delivery takes far less, so nothing queues.
            assertTrue(perDeliveryMicros < 100_000, perDeliveryMicros + " µs per delivery");
        }
    }

    @Test
    void adminApiNeedsAToken() {
        assertEquals(401, new AdminClient(gateway.port(), null).get("/api/webhooks").status());
        AdminClient.Response wrong = new AdminClient(gateway.port(), TOKEN + "x").post("{\"url\":\"http://x.test/\"}");
        assertEquals(401, wrong.status());
        assertTrue(wrong.json().path("error").asText().contains("GATEWAY_ADMIN_TOKENS"));
        assertEquals(401, new AdminClient(gateway.port(), "wrong").delete("wh_1").status());
    }

    @Test
    void adminApiIsOffWithoutConfiguredTokens() throws Exception {
        // Another group, so this short-lived gateway takes no deliveries from the shared one.
        GatewayService open = GatewayService.start(vertx, GatewayConfig.of(kafka.bootstrapServers(), 0),
                WebhookConfig.defaults().withGroupId("webhooks-it-off-" + UUID.randomUUID())).await(30, TimeUnit.SECONDS);
        try {
            AdminClient.Response response = new AdminClient(open.port(), TOKEN).get("/api/webhooks");
            assertEquals(503, response.status());
            assertEquals("webhooks admin disabled: set GATEWAY_ADMIN_TOKENS", response.json().path("error").asText());
        } finally {
            open.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertBadRequest("not json", "the body must be a JSON object");
        assertBadRequest("{}", "url: required");
        assertBadRequest("{\"url\":\"ftp://push.example.com/hook\"}", "url: must start with https:// or http://");
        assertBadRequest("{\"url\":\"https://user:pw@push.example.com/hook\"}", "url: must not carry credentials");
        assertBadRequest("{\"url\":\"https://push.example.com/hook\",\"secret\":\"short\"}", "secret: must be whsec_");
        // Long enough for the old rule, but not a Standard Webhooks secret: the published verifiers could not use it.
        assertBadRequest("{\"url\":\"https://push.example.com/hook\",\"secret\":\"0123456789abcdef0123456789abcdef\"}",
                "secret: must be whsec_");
        assertBadRequest("{\"url\":\"https://push.example.com/hook\",\"filter\":{\"alertOnly\":true}}",
                "filter.alertOnly: unknown field");
        assertBadRequest("{\"url\":\"https://push.example.com/hook\",\"filter\":{\"alertsOnly\":\"yes\"}}",
                "filter.alertsOnly: must be true or false");
        assertBadRequest("{\"url\":\"https://push.example.com/hook\",\"hmac\":\"x\"}", "hmac: unknown field");
    }

    @Test
    void aGeneratedSecretIsShownOnceAndNeverListed() {
        AdminClient.Response response = admin.post("{\"url\":\"https://push.example.com/hook\"}");
        assertEquals(201, response.status());
        String id = response.json().path("id").asText();
        created.add(id);
        String secret = response.json().path("secret").asText();
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
        assertTrue(response.json().path("filter").path("alertsOnly").asBoolean());
        assertFalse(admin.get("/api/webhooks/" + id).body().contains(secret));
        assertFalse(admin.get("/api/webhooks").body().contains(secret));
        assertFalse(admin.get("/api/webhooks/" + id).json().has("secret"));
    }

    private static List<Long> seqs(TestReceiver receiver) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (TestReceiver.Received request : receiver.accepted()) {
            seqs.add(Json.MAPPER.readTree(request.body()).path("update").path("seq").asLong());
        }
        return seqs;
    }

    private static List<String> changeTypes(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("update").path("changes").forEach(c -> types.add(c.path("type").asText()));
        return types;
    }

    /**
     * The receiver's check per Standard Webhooks, written independently of the gateway's code: HMAC-SHA256 keyed
     * with the base64-decoded part after whsec_, over "id.timestamp.body", sent as "v1,<base64>".
     */
    static void assertSignedWith(String secret, TestReceiver.Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (request.id() + "." + request.timestamp() + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.signature());
        long age = Instant.now().getEpochSecond() - Long.parseLong(request.timestamp());
        assertTrue(age >= 0 && age < 300, "timestamp is current: " + request.timestamp());
    }

    private void assertBadRequest(String body, String message) {
        AdminClient.Response response = admin.post(body);
        assertEquals(400, response.status(), body);
        assertTrue(response.json().path("error").asText().contains(message), response.body());
    }

    private long ownedSubscriptions() {
        return Http.get(gateway.port(), "/metrics").body().lines()
                .filter(l -> l.startsWith("ticker_gateway_webhook_subscriptions_owned "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private String subscribe(TestReceiver receiver, String ceremony, boolean alertsOnly) {
        String id = admin.create(receiver.url(), SECRET, ceremony, alertsOnly);
        created.add(id);
        return id;
    }

    private TestReceiver receiver(TestReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
