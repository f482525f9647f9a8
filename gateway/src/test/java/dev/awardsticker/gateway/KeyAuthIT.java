package dev.awardsticker.gateway;

import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.awardsticker.gateway.Fixtures.history;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway configured from the environment with an identity provider's public keys only
 * (GATEWAY_JWT_PUBLIC_KEY_FILE): RS256 and ES256 tokens open the feed, an HS256 one is closed with 4401.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KeyAuthIT {
    private static final long EPOCH = 6;
    private static final KeyPair RSA = Tokens.keyPair("RSA");
    private static final KeyPair EC = Tokens.keyPair("EC");

    private static Vertx vertx;
    private static TestProducer producer;
    private static GatewayService gateway;
    private static String ceremony;
    private static Path pem;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        pem = Files.createTempFile("idp-", ".pem");
        Files.writeString(pem, Tokens.pem(RSA.getPublic()) + Tokens.pem(EC.getPublic()));
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
        gateway = GatewayService.start(vertx, GatewayConfig.fromEnv(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                broker.bootstrapServers(), "GATEWAY_PORT", "0", "GATEWAY_JWT_PUBLIC_KEY_FILE", pem.toString())))
                .await(10, TimeUnit.SECONDS);
        ceremony = uniqueCeremony("keys");
        producer.send(history(ceremony, EPOCH, 2));
        String token = token(RSA, "RS256");
        await().atMost(Duration.ofSeconds(15)).until(() -> Http.get(gateway.port(), "/api/ceremonies/" + ceremony,
                "Authorization", "Bearer " + token).status() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        Files.deleteIfExists(pem);
    }

    @Test
    void rs256AndEs256TokensOpenTheFeed() throws Exception {
        for (String token : new String[] {token(RSA, "RS256"), token(EC, "ES256")}) {
            try (TestClient client = connect("/ws?token=" + token)) {
                client.subscribe(ceremony);
                assertEquals(2, client.awaitFrame("snapshot").path("seq").asLong());
            }
        }
    }

    @Test
    void anHs256TokenOrAnotherProvidersKeyIsClosedWith4401() throws Exception {
        assertRefused(Tokens.hs256(Tokens.SECRET, "{\"ceremonies\":\"*\"}"), "must be signed with ES256 or RS256");
        assertRefused(token(Tokens.keyPair("EC"), "ES256"), "signature is wrong");
    }

    private static String token(KeyPair keys, String alg) {
        return Tokens.signedWithKey(keys.getPrivate(), "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}",
                "{\"ceremonies\":[\"" + ceremony + "\"],\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}");
    }

    private static void assertRefused(String token, String reason) throws Exception {
        try (TestClient client = connect("/ws?token=" + token)) {
            client.awaitClosed();
            assertEquals((short) 4401, client.closeCode());
            assertTrue(client.closeReason().contains(reason), client.closeReason());
        }
    }

    private static TestClient connect(String uri) {
        return TestClient.connect(vertx, new WebSocketClientOptions(),
                new WebSocketConnectOptions().setURI(uri).setAllowOriginHeader(false).setPort(gateway.port()));
    }
}
