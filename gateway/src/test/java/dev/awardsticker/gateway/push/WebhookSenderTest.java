package dev.awardsticker.gateway.push;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One attempt against real local HTTP servers: how answers, silence and refusals come back. */
class WebhookSenderTest {
    private static final byte[] BODY = "{\"id\":\"wh_1:c:1:2\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSubscription SUBSCRIPTION = new WebhookSubscription("wh_1", "http://unused/",
            Signature.generateSecret(), new WebhookFilter(null, true), java.time.Instant.now(), java.util.Map.of());
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void reportsTheStatusAndRetryAfter() throws Exception {
        // A generous timeout: the first request of a cold JVM on a busy machine can take seconds.
        try (TestReceiver receiver = TestReceiver.start((id, attempt) -> attempt == 1 ? 429 : 204);
             WebhookSender sender = new WebhookSender(vertx, 30_000)) {
            WebhookSender.Attempt first = sender.post(receiver.url(), SUBSCRIPTION, "wh_1:c:1:2", BODY).result()
                    .await(10, TimeUnit.SECONDS);
            assertEquals(429, first.status(), first.error());
            assertTrue(first.retryable());
            WebhookSender.Attempt second = sender.post(receiver.url(), SUBSCRIPTION, "wh_1:c:1:2", BODY).result()
                    .await(10, TimeUnit.SECONDS);
            assertTrue(second.accepted());
            assertEquals("wh_1:c:1:2", receiver.all().get(1).id());
            assertEquals(new String(BODY, StandardCharsets.UTF_8), receiver.all().get(1).body());
        }
    }

    @Test
    void aSilentReceiverIsATimeoutAndRetryable() throws Exception {
        try (TestReceiver receiver = TestReceiver.start((id, attempt) -> TestReceiver.HANG);
             WebhookSender sender = new WebhookSender(vertx, 200)) {
            WebhookSender.Attempt attempt = sender.post(receiver.url(), SUBSCRIPTION, "wh_1:c:1:2", BODY).result()
                    .await(10, TimeUnit.SECONDS);
            assertEquals(0, attempt.status());
            assertTrue(attempt.retryable());
            assertEquals("no answer within 200 ms", attempt.describe());
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (WebhookSender sender = new WebhookSender(vertx, 2_000)) {
            WebhookSender.Attempt attempt = sender.post("http://127.0.0.1:" + closedPort + "/hook", SUBSCRIPTION, "wh_1:c:1:2",
                    BODY).result().await(10, TimeUnit.SECONDS);
            assertEquals(0, attempt.status());
            assertTrue(attempt.retryable());
            assertFalse(attempt.accepted());
        }
    }
}
