package dev.awardsticker.gateway;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.JwtVerifier;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.UpdateFeed;
import dev.awardsticker.gateway.history.HistoryReader;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.metrics.GatewayMetrics;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.gateway.push.Webhooks;
import dev.awardsticker.gateway.transport.netty.NettySeam;
import dev.awardsticker.gateway.view.Views;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What the gateway has once, whatever its number of event loops: the Kafka feed and the views' single writer (both
 * on the feed thread), webhooks, metrics, access control. It hands every batch, with the versions it made, to each
 * loop's {@link Hub}; the batch counts as in flight until every loop has fanned it out, so the slowest loop bounds
 * what is held and the next batch gathers in Kafka meanwhile.
 */
final class GatewayCore {
    final GatewayConfig config;
    final AccessControl access;
    final NettySeam seam;
    final GatewayMetrics metrics = new GatewayMetrics();
    final Webhooks webhooks;
    final UpdateFeed feed;
    final HistoryReader history;
    private final Vertx vertx;
    private final Views views;
    /** The loops in their index order, filled as they start. */
    private final List<LoopVerticle> loops = new CopyOnWriteArrayList<>();
    /**
     * Where the loops' servers listen: the configured port, which Vert.x shares between servers of one Vert.x
     * instance; for port 0, a negative port, Vert.x's way to share one random port, unique to this gateway (a
     * Vert.x instance may host several).
     */
    final int listenPort;
    private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();
    private final AtomicInteger nextIndex = new AtomicInteger();
    /** Feed thread only: whether the views had caught up before the batch being handed out. */
    private boolean live;

    GatewayCore(Vertx vertx, GatewayConfig config, WebhookConfig webhookConfig) {
        this.vertx = vertx;
        this.config = config;
        this.listenPort = config.port() != 0 ? config.port() : -RANDOM_PORT_GROUPS.incrementAndGet();
        this.access = new AccessControl(config.allowedOrigins(),
                JwtVerifier.create(config.jwtSecret(), config.jwtPublicKeyFile(), config.jwtJwksFile()));
        this.seam = NettySeam.create(config.nettySeam());
        this.views = new Views(config.resumeBuffer());
        this.webhooks = new Webhooks(vertx, config.kafkaBootstrapServers(), webhookConfig, metrics.registry());
        this.feed = new UpdateFeed(config.kafkaBootstrapServers(), this::handOut);
        this.history = new HistoryReader(config.kafkaBootstrapServers());
    }

    /** A new loop's verticle, numbered in the order Vert.x asks for them. */
    LoopVerticle newLoop() {
        return new LoopVerticle(this, nextIndex.getAndIncrement());
    }

    void started(LoopVerticle loop) {
        loops.add(loop);
    }

    /** Once every loop listens: metrics over all of them, then webhooks, the feed and the history. */
    void allStarted() {
        List<LoopVerticle> ordered = loops.stream().sorted(java.util.Comparator.comparingInt(LoopVerticle::index))
                .toList();
        loops.clear();
        loops.addAll(ordered);
        metrics.bind(views::updatesApplied, ordered.stream().map(LoopVerticle::hub).toList(),
                ordered.stream().map(LoopVerticle::batching).toList());
        webhooks.start();
        feed.start();
        history.start();
    }

    List<LoopVerticle> loops() {
        return loops;
    }

    /** After the loops are gone: webhook deliveries, then the feed and history threads (off the event loop). */
    Future<Void> stop() {
        return webhooks.stop().eventually(() -> vertx.executeBlocking(() -> {
            feed.close();
            history.close();
            return null;
        })).mapEmpty();
    }

    /** Feed thread: applies the batch to the views once, then gives it to every loop. */
    private void handOut(List<FeedUpdate> batch, boolean caughtUp, Runnable done) {
        Views.Batch applied = views.apply(batch, caughtUp);
        List<LoopVerticle> targets = List.copyOf(loops);
        if (targets.isEmpty()) {
            done.run();
            return;
        }
        Progress progress = new Progress(applied, targets.size(), live, metrics.endToEnd(), done);
        live = applied.caughtUp();
        for (LoopVerticle loop : targets) {
            loop.accept(applied, progress, progress::loopDone);
        }
    }

    /**
     * A batch on its way through the loops: each update's end-to-end latency is recorded once, when the last loop
     * has handed it to its clients; the batch is done when every loop is.
     */
    private static final class Progress implements Hub.StepListener {
        private final Views.Batch batch;
        private final AtomicIntegerArray loopsLeft;
        private final AtomicIntegerArray subscribed;
        private final AtomicInteger loopsBusy;
        private final boolean live;
        private final Timer endToEnd;
        private final Runnable done;

        Progress(Views.Batch batch, int loops, boolean live, Timer endToEnd, Runnable done) {
            this.batch = batch;
            this.loopsLeft = new AtomicIntegerArray(batch.steps().size());
            for (int i = 0; i < batch.steps().size(); i++) {
                loopsLeft.set(i, loops);
            }
            this.subscribed = new AtomicIntegerArray(batch.steps().size());
            this.loopsBusy = new AtomicInteger(loops);
            this.live = live;
            this.endToEnd = endToEnd;
            this.done = done;
        }

        /**
         * Only live updates with a subscriber: while the views are still catching up, {@code ingestedAt} is history
         * and the difference would say nothing about this pipeline.
         */
        @Override
        public void fannedOut(int step, boolean hadSubscribers) {
            if (hadSubscribers) {
                subscribed.set(step, 1);
            }
            if (loopsLeft.decrementAndGet(step) == 0 && live && subscribed.get(step) == 1) {
                long ingestedAt = batch.steps().get(step).update().update().ingestedAt();
                if (ingestedAt > 0) {
                    endToEnd.record(Math.max(0, System.currentTimeMillis() - ingestedAt), TimeUnit.MILLISECONDS);
                }
            }
        }

        void loopDone() {
            if (loopsBusy.decrementAndGet() == 0) {
                done.run();
            }
        }
    }

}
