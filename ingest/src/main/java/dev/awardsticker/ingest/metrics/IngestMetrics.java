package dev.awardsticker.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.time.Duration;

/**
 * Ingest's Prometheus metrics, served at {@code GET /metrics}. One registry per service instance (never the
 * global one), so several services in one JVM (the launcher, tests) keep their numbers apart.
 *
 * <ul>
 *   <li>{@code ticker_ingest_events_total{type, outcome}}: one per write request, by what it was
 *       ({@code win|correction|definition|records}; a records batch counts once) and how it was answered
 *       ({@code accepted|duplicate|rejected|pending|invalid|unauthorized|unavailable}, and {@code error} for an
 *       unexpected 500);</li>
 *   <li>{@code ticker_ingest_produce_seconds}: from handing a record to the producer to the broker's
 *       acknowledgement (acks=all), as a histogram.</li>
 * </ul>
 */
public final class IngestMetrics {
    public static final String TYPE_WIN = "win";
    public static final String TYPE_CORRECTION = "correction";
    public static final String TYPE_DEFINITION = "definition";
    public static final String TYPE_RECORDS = "records";
    /** Set on a request's context by a handler whose 202 means "stored, not decided yet". */
    public static final String PENDING = "ingest.metrics.pending";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer produce = Timer.builder("ticker.ingest.produce")
            .description("Time from sending a record to Kafka to the broker's acknowledgement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Timer produce() {
        return produce;
    }

    /** Counts one event of {@code type} with {@code outcome}. */
    public void count(String type, String outcome) {
        Counter.builder("ticker.ingest.events")
                .description("Write requests by event type and outcome")
                .tag("type", type).tag("outcome", outcome)
                .register(registry).increment();
    }

    /**
     * First handler of a write route: counts the request by its answer once the answer is sent. A platform handler
     * for Vert.x Web, so it may run before the body handler (and count a 413 too).
     */
    public Handler<RoutingContext> counting(String type) {
        return (PlatformHandler) ctx -> {
            ctx.addEndHandler(ended -> {
                if (ended.succeeded()) {
                    count(type, outcome(ctx.response().getStatusCode(), Boolean.TRUE.equals(ctx.get(PENDING))));
                }
            });
            ctx.next();
        };
    }

    /** The outcome named by an answer's status, as ingest's handlers compute it (see EventAnswers, ApiError). */
    public static String outcome(int status, boolean pending) {
        if (status == 202) {
            return pending ? "pending" : "accepted";
        }
        if (status == 200) {
            return "duplicate";
        }
        return switch (status) {
            case 401 -> "unauthorized";
            case 409 -> "rejected";
            case 503 -> "unavailable";
            default -> status >= 400 && status < 500 ? "invalid" : status >= 500 ? "error" : "accepted";
        };
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public void scrape(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(registry.scrape());
    }
}
