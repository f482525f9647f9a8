package dev.awardsticker.gateway.metrics;

import dev.awardsticker.gateway.feed.Fanout;
import dev.awardsticker.gateway.ws.FlushBatch;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's Prometheus metrics, served at {@code GET /metrics}. One registry per gateway (never the global
 * one), so several services in one JVM keep their numbers apart.
 *
 * <p>The counters read the transports' own counts ({@link TransportCounts}) rather than keeping a second tally.
 * Those live on the gateway's event loop, which is also where {@code /metrics} is answered, so a scrape reads them
 * consistently. Per transport ({@code transport="websocket"} or {@code "sse"}):
 * <ul>
 *   <li>{@code ticker_gateway_clients}: open connections (WebSockets, SSE streams);</li>
 *   <li>{@code ticker_gateway_frames_sent_total}: frames written (updates, snapshots, replies; SSE events);</li>
 *   <li>{@code ticker_gateway_frames_conflated_total}: updates queued for a slow client after waiting ones gave up
 *   the tallies and leaderboard deltas they supersede;</li>
 *   <li>{@code ticker_gateway_slow_disconnects_total}: clients closed for falling behind;</li>
 *   <li>{@code ticker_gateway_resume_total{result=resumed|reset}}: resume requests and how they went;</li>
 * </ul>
 * Once per gateway:
 * <ul>
 *   <li>{@code ticker_gateway_updates_applied_total}: updates applied to the ceremony views;</li>
 *   <li>{@code ticker_gateway_end_to_end_seconds}: from ingest accepting the event ({@code ingestedAt}) to its
 *       update being handed to the subscribed clients, once per update (not per client), for live updates only
 *       (after the views caught up, with at least one subscriber).</li>
 *   <li>{@code ticker_gateway_socket_flushes_total}: flushes of client sockets (about one write syscall each), and
 *       {@code ticker_gateway_socket_flushes_held_total}: flushes asked for while fanning out a batch and folded
 *       into one per client and batch ({@link FlushBatch}).</li>
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

    /** Exposes the counts of the fan-out and of each transport. Call once. */
    public void bind(Fanout fanout, List<? extends TransportCounts> transports, FlushBatch flushes) {
        for (TransportCounts t : transports) {
            Gauge.builder("ticker.gateway.clients", t, TransportCounts::clients)
                    .description("Open client connections").tag("transport", t.transport()).register(registry);
            FunctionCounter.builder("ticker.gateway.frames.sent", t, TransportCounts::framesSent)
                    .description("Frames (WebSocket text frames, SSE events) written to clients")
                    .tag("transport", t.transport()).register(registry);
            FunctionCounter.builder("ticker.gateway.frames.conflated", t, TransportCounts::conflated)
                    .description("Updates queued for a slow client after waiting ones gave up what they supersede")
                    .tag("transport", t.transport()).register(registry);
            FunctionCounter.builder("ticker.gateway.slow.disconnects", t, TransportCounts::slowDisconnects)
                    .description("Clients closed because they fell too far behind")
                    .tag("transport", t.transport()).register(registry);
            FunctionCounter.builder("ticker.gateway.resume", t, TransportCounts::resumed)
                    .description("Resume requests").tag("result", "resumed").tag("transport", t.transport())
                    .register(registry);
            FunctionCounter.builder("ticker.gateway.resume", t, TransportCounts::resumeResets)
                    .description("Resume requests").tag("result", "reset").tag("transport", t.transport())
                    .register(registry);
        }
        FunctionCounter.builder("ticker.gateway.updates.applied", fanout, Fanout::updatesApplied)
                .description("Updates applied to the ceremony views").register(registry);
        FunctionCounter.builder("ticker.gateway.socket.flushes", flushes, FlushBatch::flushes)
                .description("Flushes of client sockets (WebSocket and SSE), about one write syscall each")
                .register(registry);
        FunctionCounter.builder("ticker.gateway.socket.flushes.held", flushes, FlushBatch::flushesHeld)
                .description("Flushes asked for during a batch's fan-out, folded into one per client and batch")
                .register(registry);
    }

    /** {@code GET /metrics}: the Prometheus text format. Runs on the gateway's event loop, like the hub. */
    public void scrape(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(registry.scrape());
    }
}
