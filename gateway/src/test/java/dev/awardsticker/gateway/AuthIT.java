package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway with GATEWAY_JWT_SECRET and GATEWAY_ALLOWED_ORIGINS set. */
@ExtendWith(KafkaBrokerExtension.class)
class AuthIT {
    private static final long EPOCH = 5;
    private static final String NEWSROOM = "https://news.example.com";

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;
    private static String allowed;
    private static String other;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0)
                .withJwtSecret(Tokens.SECRET).withAllowedOrigins(List.of(NEWSROOM))).await(10, TimeUnit.SECONDS);
        allowed = uniqueCeremony("allowed");
        other = uniqueCeremony("other");
        producer.send(history(allowed, EPOCH, 2));
        producer.send(history(other, EPOCH, 2));
        String token = Tokens.forCeremonies("\"*\"");
        await().atMost(Duration.ofSeconds(15)).until(() -> Http.get(gateway.port(), "/api/ceremonies/" + other,
                "Authorization", "Bearer " + token).status() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aTokenInTheUrlAllowsExactlyTheCeremoniesOfItsClaim() throws Exception {
        String token = Tokens.forCeremonies("[\"" + allowed + "\"]");
        try (TestClient client = connect(new WebSocketConnectOptions().setURI("/ws?token=" + token))) {
            client.subscribe(allowed);
            assertEquals(2, client.awaitFrame("snapshot").path("seq").asLong());

            client.subscribe(other);
            JsonNode error = client.awaitFrame("error");
            assertEquals(other, error.path("ceremony").asText());
            assertTrue(error.path("message").asText().contains("not allowed to subscribe to " + other),
                    error.toString());
            client.send("{\"op\":\"ping\"}").awaitFrame("pong");
            assertFalse(client.isClosed(), "a refused subscription is an error frame, not a disconnect");
        }
    }

    @Test
    void aBearerHeaderWithAStarAllowsEveryCeremony() throws Exception {
        try (TestClient client = connect(new WebSocketConnectOptions()
                .putHeader("Authorization", "Bearer " + Tokens.forCeremonies("\"*\"")))) {
            client.subscribe(other);
            assertEquals(other, client.awaitFrame("snapshot").path("ceremony").asText());
        }
    }

    @Test
    void aMissingBadOrExpiredTokenIsClosedWith4401AndAReason() throws Exception {
        long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        assertRefused(new WebSocketConnectOptions(), "a token is required");
        assertRefused(new WebSocketConnectOptions().setURI("/ws?token=nonsense"), "not a JWT");
        assertRefused(new WebSocketConnectOptions().setURI("/ws?token=" + Tokens.hs256(
                "a-different-secret-of-at-least-32-bytes", "{\"ceremonies\":\"*\"}")), "signature is wrong");
        assertRefused(new WebSocketConnectOptions().setURI("/ws?token=" + Tokens.hs256(Tokens.SECRET,
                "{\"ceremonies\":\"*\",\"exp\":" + anHourAgo + "}")), "token expired at");
        assertRefused(new WebSocketConnectOptions().putHeader("Authorization", "Basic dXNlcjpwYXNz"),
                "must be \"Bearer <JWT>\"");
    }

    private static void assertRefused(WebSocketConnectOptions options, String reason) throws Exception {
        try (TestClient client = connect(options)) {
            client.awaitClosed();
            assertEquals((short) 4401, client.closeCode());
            assertTrue(client.closeReason().contains(reason), client.closeReason());
        }
    }

    @Test
    void browsersFromOriginsNotListedAreRefusedWith403() throws Exception {
        String token = "/ws?token=" + Tokens.forCeremonies("\"*\"");
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions fromElsewhere = new WebSocketConnectOptions().setPort(gateway.port())
                    .setHost("localhost").setURI(token).putHeader("Origin", "https://evil.example.com");
            Exception refused = assertThrows(Exception.class,
                    () -> client.connect(fromElsewhere).await(10, TimeUnit.SECONDS));
            UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refused);
            assertEquals(403, rejected.getStatus());
            assertTrue(rejected.getBody().toString().contains("GATEWAY_ALLOWED_ORIGINS"));
        } finally {
            client.close().await(5, TimeUnit.SECONDS);
        }
        try (TestClient listed = connect(new WebSocketConnectOptions().setURI(token)
                .putHeader("Origin", "https://NEWS.example.com"))) {
            listed.subscribe(allowed).awaitFrame("snapshot");
        }
    }

    @Test
    void theCeremonyApiTakesTheSameToken() {
        String token = Tokens.forCeremonies("[\"" + allowed + "\"]");
        Http.Response anonymous = Http.get(gateway.port(), "/api/ceremonies");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.json().path("error").asText().contains("a token is required"), anonymous.body());

        JsonNode list = Http.get(gateway.port(), "/api/ceremonies", "Authorization", "Bearer " + token).json();
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(entry -> ids.add(entry.path("id").asText()));
        assertEquals(List.of(allowed), ids, "only what the token allows");

        assertEquals(200, Http.get(gateway.port(), "/api/ceremonies/" + allowed + "?token=" + token).status());
        Http.Response forbidden = Http.get(gateway.port(), "/api/ceremonies/" + other + "?token=" + token);
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.json().path("error").asText().contains(other), forbidden.body());
        assertEquals(200, Http.get(gateway.port(), "/health").status(), "health stays open for orchestrators");
    }

    /** Without an Origin header, as a non-browser client connects: GATEWAY_ALLOWED_ORIGINS does not apply. */
    private static TestClient connect(WebSocketConnectOptions options) {
        if (options.getHeaders() == null || options.getHeaders().get("Origin") == null) {
            options.setAllowOriginHeader(false);
        }
        return TestClient.connect(vertx, new WebSocketClientOptions(), options.setPort(gateway.port()));
    }
}
