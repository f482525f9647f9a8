package dev.awardsticker.gateway.metrics;

import dev.awardsticker.gateway.ws.WebSocketHub;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * The gateway's Prometheus metrics, served at {@code GET /metrics}. One registry per gateway (never the global
 * one), so several services in one JVM keep their numbers apart.
 *
 * <p>The counters read the {@link WebSocketHub}'s own counts rather than keeping a second tally. Those live on the
 * gateway's event loop, which is also where {@code /metrics} is answered, so a scrape reads them consistently.
 * <ul>
 *   <li>{@code ticker_gateway_clients{transport="websocket"}}: open connections;</li>
 *   <li>{@code ticker_gateway_frames_sent_total}: text frames written to sockets (updates, snapshots, replies);</li>
 *   <li>{@code ticker_gateway_frames_conflated_total}: queued tallies replaced by a newer one;</li>
 *   <li>{@code ticker_gateway_slow_disconnects_total}: clients closed with 4408 for falling behind;</li>
 *   <li>{@code ticker_gateway_resume_total{result=resumed|reset}}: resume requests and how they went;</li>
 *   <li>{@code ticker_gateway_updates_applied_total}: updates applied to the ceremony views;</li>
 *   <li>{@code ticker_gateway_end_to_end_seconds}: from ingest accepting the event ({@code ingestedAt}) to its
 *       update being handed to the subscribed clients, once per update (not per client), for live updates only
 *       (after the views caught up, with at least one subscriber).</li>
 * </ul>
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer endToEnd = Timer.builder("ticker.gateway.end.to.end")
            .description("From ingest accepting an event to its update being handed to the subscribed clients")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);

    public Timer endToEnd() {
        return endToEnd;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Exposes the hub's counts. Call once, with the hub built on {@link #endToEnd()}. */
    public void bind(WebSocketHub hub) {
        Gauge.builder("ticker.gateway.clients", hub, h -> h.stats().connections())
                .description("Open client connections").tag("transport", "websocket").register(registry);
        FunctionCounter.builder("ticker.gateway.frames.sent", hub, WebSocketHub::framesSent)
                .description("Text frames written to client sockets").register(registry);
        FunctionCounter.builder("ticker.gateway.frames.conflated", hub, h -> h.stats().conflated())
                .description("Queued tallies replaced by a newer one for the same subject").register(registry);
        FunctionCounter.builder("ticker.gateway.slow.disconnects", hub, h -> h.stats().closedTooSlow())
                .description("Clients closed with 4408 because they fell too far behind").register(registry);
        FunctionCounter.builder("ticker.gateway.resume", hub, WebSocketHub::resumed)
                .description("Resume requests").tag("result", "resumed").register(registry);
        FunctionCounter.builder("ticker.gateway.resume", hub, WebSocketHub::resumeResets)
                .description("Resume requests").tag("result", "reset").register(registry);
        FunctionCounter.builder("ticker.gateway.updates.applied", hub, WebSocketHub::updatesApplied)
                .description("Updates applied to the ceremony views").register(registry);
    }

    /** {@code GET /metrics}: the Prometheus text format. Runs on the gateway's event loop, like the hub. */
    public void scrape(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(registry.scrape());
    }
}
