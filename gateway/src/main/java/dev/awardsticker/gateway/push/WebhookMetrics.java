package dev.awardsticker.gateway.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Webhook figures on the gateway's {@code /metrics} (Micrometer meters are thread-safe; workers update them):
 * <ul>
 *   <li>{@code ticker_gateway_webhook_deliveries_total{outcome=delivered|retried|dead_lettered}}: accepted
 *       deliveries, failed attempts that will be retried, deliveries given up on;</li>
 *   <li>{@code ticker_gateway_webhook_delivery_seconds}: first attempt to the receiver's 2xx, retries included.</li>
 * </ul>
 */
final class WebhookMetrics {
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer latency;

    WebhookMetrics(MeterRegistry registry) {
        delivered = outcome(registry, "delivered");
        retried = outcome(registry, "retried");
        deadLettered = outcome(registry, "dead_lettered");
        latency = Timer.builder("ticker.gateway.webhook.delivery")
                .description("From the first attempt of a webhook delivery to the receiver's 2xx, retries included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("ticker.gateway.webhook.deliveries")
                .description("Webhook deliveries by outcome (retried: a failed attempt that will be retried)")
                .tag("outcome", outcome).register(registry);
    }

    void delivered(long tookNanos) {
        delivered.increment();
        latency.record(Duration.ofNanos(tookNanos));
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }
}
