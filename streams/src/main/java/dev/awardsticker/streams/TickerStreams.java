package dev.awardsticker.streams;

import dev.awardsticker.streams.ceremony.EventOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The running Streams app: start it, wait until it is processing, close it. Used by Main and the launcher. It is two
 * Kafka Streams apps in one process: the live ceremony topology ({@link TickerTopology#build}) and the derived
 * topics ({@link TickerTopology#derived}: tallies, leaderboards, reference records, all-time totals; application id
 * {@code <id>-derived}), each with its own stream thread and transactions, so the derived topics never hold a live
 * command back.
 *
 * <p>It also serves {@code GET /health}, {@code GET /ready} and {@code GET /metrics} on
 * {@link StreamsAppConfig#httpPort()} ({@link #port()}). The metrics are Kafka Streams' own (Micrometer's
 * {@link KafkaStreamsMetrics}: lag, process latency, commit rate, ...) and
 * {@code ticker_streams_events_total{outcome=accepted|duplicate|rejected|dead_lettered|defined}}, counted by the
 * processor per processing of a record: a record processed again after a crash (exactly-once retries it from the
 * last commit) may be counted twice there, which is fine for an operator's gauge and never touches the tallies.
 */
public final class TickerStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TickerStreams.class);

    private final KafkaStreams streams;
    /** The derived topics: an app of its own so that its transactions never hold a live command back. */
    private final KafkaStreams derived;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch derivedRunning = new CountDownLatch(1);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final KafkaStreamsMetrics derivedMetrics;
    private final StreamsHttp http;

    private TickerStreams(StreamsAppConfig config) {
        Map<String, Counter> counters = Map.of(
                EventOutcomes.ACCEPTED, outcomeCounter(EventOutcomes.ACCEPTED),
                EventOutcomes.DUPLICATE, outcomeCounter(EventOutcomes.DUPLICATE),
                EventOutcomes.REJECTED, outcomeCounter(EventOutcomes.REJECTED),
                EventOutcomes.DEAD_LETTERED, outcomeCounter(EventOutcomes.DEAD_LETTERED),
                EventOutcomes.DEFINED, outcomeCounter(EventOutcomes.DEFINED));
        streams = new KafkaStreams(TickerTopology.build(outcome -> counters.get(outcome).increment()),
                config.toProperties());
        derived = new KafkaStreams(TickerTopology.derived(), config.derivedProperties());
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        derivedMetrics = new KafkaStreamsMetrics(derived);
        derivedMetrics.bindTo(registry);
        for (KafkaStreams app : List.of(streams, derived)) {
            String name = app == streams ? "Streams app" : "Derived app";
            CountDownLatch latch = app == streams ? running : derivedRunning;
            app.setStateListener((now, before) -> {
                LOG.info("{} {} -> {}", name, before, now);
                if (now == KafkaStreams.State.RUNNING) {
                    latch.countDown();
                }
            });
            // Our processors dead-letter or skip bad records themselves, so what reaches here is infrastructure
            // trouble (a broker gone, a fenced transaction): a fresh thread resumes from the last commit.
            app.setUncaughtExceptionHandler(e -> {
                LOG.error("{}: stream thread failed; replacing it and resuming from the last commit", name, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        }
        try {
            http = new StreamsHttp(config.httpPort(), this::readiness, registry);
        } catch (RuntimeException e) {
            streamsMetrics.close();
            derivedMetrics.close();
            streams.close(Duration.ZERO);
            derived.close(Duration.ZERO);
            throw e;
        }
    }

    /** Built but not started: {@code /health}, {@code /ready} and {@code /metrics} answer already. For tests. */
    static TickerStreams create(StreamsAppConfig config) {
        return new TickerStreams(config);
    }

    /** Ready when both apps process; the live one is reported first, as it is the one screens wait for. */
    private StreamsHttp.Readiness readiness() {
        KafkaStreams.State state = streams.state();
        if (reason(state) != null) {
            return new StreamsHttp.Readiness(state, reason(state));
        }
        KafkaStreams.State derivedState = derived.state();
        String derivedReason = reason(derivedState);
        return new StreamsHttp.Readiness(derivedState, derivedReason == null ? null
                : "derived topics (tallies, leaderboards, all-time totals): " + derivedReason);
    }

    public static TickerStreams start(StreamsAppConfig config) {
        TickerStreams app = new TickerStreams(config);
        app.streams.start();
        app.derived.start();
        return app;
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("ticker.streams.events")
                .description("Inputs processed, by outcome (per processing: a retry after a crash may count twice)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Why the app in {@code state} does not process, or null when it does. */
    static String reason(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> null;
            case CREATED -> "not started yet";
            case REBALANCING -> "rebalancing: getting its partitions and restoring state from the changelogs";
            case PENDING_SHUTDOWN, NOT_RUNNING -> "shutting down or stopped";
            case PENDING_ERROR, ERROR -> "failed: all stream threads died (see the log)";
        };
    }

    /** The port of {@code /health}, {@code /ready} and {@code /metrics} (the chosen one when the config said 0). */
    public int port() {
        return http.port();
    }

    /** This app's metrics (its own registry: several apps in one JVM keep their numbers apart). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Blocks until both apps (live and derived) have their partitions and are processing. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                || !derivedRunning.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("Streams app not running after " + timeout + " (state "
                    + streams.state() + ", derived " + derived.state()
                    + "): is Kafka reachable and are the topics created?");
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        http.close();
        streamsMetrics.close();
        derivedMetrics.close();
        // Leave the group on a clean stop so a restarted or second instance takes over at once
        // instead of waiting out the session timeout.
        CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30));
        streams.close(leave);
        derived.close(leave);
    }
}
