package dev.awardsticker.gateway.metrics;

import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.hub.Batching;
import dev.awardsticker.gateway.hub.Delivery;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.transport.netty.NettySeam;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The gateway's Prometheus metrics, served at {@code GET /metrics}. One registry per gateway (never the global
 * one), so several services in one JVM keep their numbers apart.
 *
 * <p>The counters read the hubs' own counts, which each event loop publishes at the end of every task, so a scrape
 * on any loop reads them without locks; per transport they are summed over the loops. Per transport
 * ({@code transport="websocket"} or {@code "sse"}):
 * <ul>
 *   <li>{@code ticker_gateway_clients}: open connections (WebSockets, SSE streams);</li>
 *   <li>{@code ticker_gateway_frames_sent_total}: frames written (updates, snapshots, replies; SSE events);</li>
 *   <li>{@code ticker_gateway_frames_conflated_total}: updates queued for a slow client after waiting ones gave up
 *   the tallies and leaderboard deltas they supersede;</li>
 *   <li>{@code ticker_gateway_slow_disconnects_total}: clients closed for falling behind;</li>
 *   <li>{@code ticker_gateway_resume_total{result=resumed|reset}}: resume requests and how they went;</li>
 * </ul>
 * Per event loop ({@code loop="0"}, {@code "1"}, ...):
 * <ul>
 *   <li>{@code ticker_gateway_loop_task_seconds} (count, sum, max): how long each of the loop's hub tasks held it
 *   (a fan-out or sweep slice, a request); {@code _max} is the longest the loop was blocked by the gateway's own
 *   work lately;</li>
 *   <li>{@code ticker_gateway_loop_frames_written_total}: frames the loop wrote (both transports).</li>
 * </ul>
 * Once per gateway:
 * <ul>
 *   <li>{@code ticker_gateway_updates_applied_total}: updates applied to the ceremony views;</li>
 *   <li>{@code ticker_gateway_end_to_end_seconds}: from ingest accepting the event ({@code ingestedAt}) to its
 *       update being handed to the subscribed clients on every loop, once per update (not per client), for live
 *       updates only (after the views caught up, with at least one subscriber).</li>
 *   <li>{@code ticker_gateway_socket_flushes_total}: flushes of client sockets (about one write syscall each), and
 *       {@code ticker_gateway_socket_flushes_held_total}: flushes asked for while fanning out and folded into one per
 *       client and task ({@code FlushBatch}).</li>
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

    /** What the meters read; set by {@link #bind}. Held here: a meter keeps only a weak reference to its object. */
    private volatile List<Hub> hubs = List.of();
    private volatile List<Batching> batchings = List.of();
    private volatile LongSupplier updatesApplied = () -> 0;

    public Timer endToEnd() {
        return endToEnd;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The timer of event loop {@code loop}'s hub tasks. */
    public Timer loopTask(int loop) {
        return Timer.builder("ticker.gateway.loop.task")
                .description("How long one hub task (a fan-out or sweep slice, a request) held the event loop")
                .tag("loop", Integer.toString(loop))
                .register(registry);
    }

    /**
     * Exposes the counts of the loops' hubs (loop {@code i} is {@code hubs.get(i)}) and of the feed. Call once.
     *
     * @param batchings each loop's flush batching
     */
    public void bind(LongSupplier updatesApplied, List<Hub> hubs, List<Batching> batchings) {
        this.updatesApplied = updatesApplied;
        this.hubs = List.copyOf(hubs);
        this.batchings = List.copyOf(batchings);
        for (Wire.Format format : Wire.Format.values()) {
            String transport = format == Wire.Format.WEBSOCKET ? "websocket" : "sse";
            Gauge.builder("ticker.gateway.clients", this, m -> m.sum(format, Delivery.Counts::clients))
                    .description("Open client connections").tag("transport", transport).register(registry);
            counter("ticker.gateway.frames.sent", "Frames (WebSocket text frames, SSE events) written to clients",
                    format, Delivery.Counts::framesSent).tag("transport", transport).register(registry);
            counter("ticker.gateway.frames.conflated",
                    "Updates queued for a slow client after waiting ones gave up what they supersede",
                    format, Delivery.Counts::conflated).tag("transport", transport).register(registry);
            counter("ticker.gateway.slow.disconnects", "Clients closed because they fell too far behind",
                    format, Delivery.Counts::closedTooSlow).tag("transport", transport).register(registry);
            counter("ticker.gateway.resume", "Resume requests", format, Delivery.Counts::resumed)
                    .tag("result", "resumed").tag("transport", transport).register(registry);
            counter("ticker.gateway.resume", "Resume requests", format, Delivery.Counts::resumeResets)
                    .tag("result", "reset").tag("transport", transport).register(registry);
        }
        for (int loop = 0; loop < hubs.size(); loop++) {
            FunctionCounter.builder("ticker.gateway.loop.frames.written", hubs.get(loop), Hub::framesWritten)
                    .description("Frames the event loop wrote to clients (WebSocket and SSE)")
                    .tag("loop", Integer.toString(loop)).register(registry);
        }
        FunctionCounter.builder("ticker.gateway.updates.applied", this, m -> m.updatesApplied.getAsLong())
                .description("Updates applied to the ceremony views").register(registry);
        FunctionCounter.builder("ticker.gateway.socket.flushes", this,
                        m -> m.batchings.stream().mapToLong(b -> NettySeam.flushCounts(b)[0]).sum())
                .description("Flushes of client sockets (WebSocket and SSE), about one write syscall each")
                .register(registry);
        FunctionCounter.builder("ticker.gateway.socket.flushes.held", this,
                        m -> m.batchings.stream().mapToLong(b -> NettySeam.flushCounts(b)[1]).sum())
                .description("Flushes asked for during a fan-out, folded into one per client and task")
                .register(registry);
    }

    private FunctionCounter.Builder<GatewayMetrics> counter(String name, String description, Wire.Format format,
                                                            ToLongFunction<Delivery.Counts> count) {
        return FunctionCounter.builder(name, this, m -> m.sum(format, count)).description(description);
    }

    private double sum(Wire.Format format, ToLongFunction<Delivery.Counts> count) {
        long total = 0;
        for (Hub hub : hubs) {
            total += count.applyAsLong(hub.counts(format));
        }
        return total;
    }

    /** {@code GET /metrics}: the Prometheus text format. Answered on any event loop; reads published counts only. */
    public void scrape(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(registry.scrape());
    }
}
