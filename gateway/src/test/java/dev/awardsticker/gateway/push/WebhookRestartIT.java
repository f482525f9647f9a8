package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.gateway.TestProducer;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.awardsticker.gateway.Fixtures.MOONLIGHT;
import static dev.awardsticker.gateway.Fixtures.PICTURE;
import static dev.awardsticker.gateway.Fixtures.alert;
import static dev.awardsticker.gateway.Fixtures.defined;
import static dev.awardsticker.gateway.Fixtures.uniqueCeremony;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery state lives in Kafka: a gateway stopped mid-retry is replaced by another that carries on exactly there. */
@ExtendWith(KafkaBrokerExtension.class)
class WebhookRestartIT {
    private static final long EPOCH = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SUBSCRIPTION_PARTITIONS =
            Topics.spec(Topics.WEBHOOK_SUBSCRIPTIONS).orElseThrow().partitions();

    private static Vertx vertx;
    private static TestProducer producer;

    @BeforeAll
    static void start(KafkaBroker broker) {
        vertx = Vertx.vertx();
        producer = new TestProducer(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aRestartMidRetryStillDeliversEachAlertExactlyOnce(KafkaBroker broker) throws Exception {
        WebhookConfig webhooks = WebhookConfig.defaults().withAdminTokens(List.of(WebhooksIT.TOKEN))
                // A long timeout: an attempt timed out on a busy machine would be retried, and that is a legitimate
                // second delivery of the same Webhook-Id, which this test counts as a failure.
                .withRetry(50, 200, 600_000).withTimeoutMs(30_000).withGroupId("webhooks-restart-it-" + UUID.randomUUID());
        GatewayConfig config = GatewayConfig.of(broker.bootstrapServers(), 0);
        String ceremony = uniqueCeremony("restart");
        AtomicBoolean receiverRecovered = new AtomicBoolean();
        String third = ":" + ceremony + ":" + EPOCH + ":3";
        try (TestReceiver receiver = TestReceiver.start((webhookId, attempt) ->
                webhookId.endsWith(third) && !receiverRecovered.get() ? 503 : 200)) {
            GatewayService first = GatewayService.start(vertx, config, webhooks).await(30, TimeUnit.SECONDS);
            AdminClient firstAdmin = new AdminClient(first.port(), WebhooksIT.TOKEN);
            await().atMost(WAIT).until(() -> firstAdmin.get("/api/webhooks").status() == 200);
            String id = firstAdmin.create(receiver.url(), WebhooksIT.SECRET, ceremony, true);
            String prefix = id + ":" + ceremony + ":" + EPOCH + ":";

            producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                    alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT));
            // Mid-retry: seq 2 accepted, seq 3 refused at least twice.
            await().atMost(WAIT).until(() -> receiver.acceptedIds().contains(prefix + 2)
                    && receiver.all().stream().filter(r -> r.id().equals(prefix + 3)).count() >= 2);
            first.close().await(30, TimeUnit.SECONDS);
            receiverRecovered.set(true);

            GatewayService second = GatewayService.start(vertx, config, webhooks).await(30, TimeUnit.SECONDS);
            try {
                AdminClient secondAdmin = new AdminClient(second.port(), WebhooksIT.TOKEN);
                await().atMost(WAIT).until(() -> receiver.acceptedIds().contains(prefix + 3));
                producer.send(alert(ceremony, EPOCH, 4, PICTURE, MOONLIGHT));
                await().atMost(WAIT).until(() -> receiver.acceptedIds().contains(prefix + 4));

                // Delivered in order, so once seq 4 is in nothing earlier can still come: each exactly once.
                assertEquals(List.of(prefix + 2, prefix + 3, prefix + 4), receiver.acceptedIds());
                for (TestReceiver.Received request : receiver.all()) {
                    WebhooksIT.assertSignedWith(WebhooksIT.SECRET, request);
                }
                // The subscription and its counters survived the restart.
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode status = secondAdmin.get("/api/webhooks/" + id).json().path("status");
                    assertEquals(3, status.path("delivered").asLong(), status.toString());
                    assertEquals(4, status.path("lastDelivered").path("seq").asLong());
                    assertTrue(status.path("retried").asLong() >= 2, status.toString());
                    assertTrue(status.path("retrying").isNull(), status.toString());
                });
                assertEquals(204, secondAdmin.delete(id).status());
            } finally {
                second.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void gatewaysOfOneGroupShareSubscriptionsAndEachIsDeliveredOnce(KafkaBroker broker) throws Exception {
        WebhookConfig webhooks = WebhookConfig.defaults().withAdminTokens(List.of(WebhooksIT.TOKEN))
                .withTimeoutMs(30_000).withGroupId("webhooks-shared-it-" + UUID.randomUUID());
        GatewayConfig config = GatewayConfig.of(broker.bootstrapServers(), 0);
        String ceremony = uniqueCeremony("shared");
        GatewayService one = GatewayService.start(vertx, config, webhooks).await(30, TimeUnit.SECONDS);
        GatewayService two = GatewayService.start(vertx, config, webhooks).await(30, TimeUnit.SECONDS);
        List<TestReceiver> receivers = new java.util.ArrayList<>();
        try {
            AdminClient admin = new AdminClient(one.port(), WebhooksIT.TOKEN);
            await().atMost(WAIT).until(() -> admin.get("/api/webhooks").status() == 200);
            // Ids are random, so subscribe until every partition holds one: then each member owns some (with six
            // fixed subscriptions, one member got them all in about one run in eleven).
            List<String> ids = new java.util.ArrayList<>();
            Set<Integer> partitions = new HashSet<>();
            while (ids.size() < 4 || partitions.size() < SUBSCRIPTION_PARTITIONS) {
                assertTrue(ids.size() < 40, "40 random subscription ids never covered all partitions: " + partitions);
                TestReceiver receiver = TestReceiver.accepting();
                receivers.add(receiver);
                String id = admin.create(receiver.url(), WebhooksIT.SECRET, ceremony, true);
                ids.add(id);
                partitions.add(subscriptionPartition(id));
            }
            producer.send(defined(ceremony, EPOCH, 1), alert(ceremony, EPOCH, 2, PICTURE, MOONLIGHT),
                    alert(ceremony, EPOCH, 3, PICTURE, MOONLIGHT));
            await().atMost(WAIT).until(() -> receivers.stream().allMatch(r -> r.accepted().size() == 2));
            for (int i = 0; i < ids.size(); i++) {
                String prefix = ids.get(i) + ":" + ceremony + ":" + EPOCH + ":";
                assertEquals(List.of(prefix + 2, prefix + 3), receivers.get(i).acceptedIds());
            }
            // Both instances took a share (3 partitions over 2 members), and all of them are delivered by someone.
            await().atMost(WAIT).untilAsserted(() -> {
                long first = owned(one);
                long second = owned(two);
                assertTrue(first + second == ids.size() && first > 0 && second > 0,
                        first + " + " + second + " of " + ids.size());
            });
            ids.forEach(admin::delete);
        } finally {
            receivers.forEach(TestReceiver::close);
            one.close().await(30, TimeUnit.SECONDS);
            two.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Where the producer's default partitioner puts a subscription keyed by its id. */
    private static int subscriptionPartition(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % SUBSCRIPTION_PARTITIONS;
    }

    private static long owned(GatewayService gateway) {
        return dev.awardsticker.gateway.Http.get(gateway.port(), "/metrics").body().lines()
                .filter(l -> l.startsWith("ticker_gateway_webhook_subscriptions_owned "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
