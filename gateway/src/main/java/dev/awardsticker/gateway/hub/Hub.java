package dev.awardsticker.gateway.hub;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.hub.Client.Subscription;
import dev.awardsticker.gateway.view.Catchup;
import dev.awardsticker.gateway.view.CeremonyView;
import dev.awardsticker.gateway.view.Filter;
import dev.awardsticker.gateway.view.LoopViews;
import dev.awardsticker.gateway.view.ResumePoint;
import dev.awardsticker.gateway.view.Selection;
import dev.awardsticker.gateway.view.Snapshot;
import dev.awardsticker.gateway.view.Views;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Everything about the clients of one event loop, for WebSocket and SSE alike: who follows which ceremony with which
 * filter, catch-up and resume, the fan-out of every update, the slow-client policy, the sweep (heartbeats, keep-alives,
 * expired tokens, silent and stalled clients) and the counts. One hub per event loop, used only on that loop, so
 * none of it needs a lock; the transports are thin endpoints that hand it {@link Client}s and write what it gives
 * their {@link Outlet}.
 *
 * <p>No task holds the loop for long: a fan-out (or a sweep) walks its clients in slices of about
 * {@link #SLICE_NANOS} and continues in a new task, so handshakes, requests and other I/O interleave. Work runs in
 * order: a batch's updates one after another, a later batch (or sweep) behind the running one, so every client gets
 * its updates in seq order. A client that subscribes meanwhile starts from the loop's current version (the newest
 * batch's) and skips the updates that version already holds (by revision).
 */
public final class Hub {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
    /** How long one task may walk clients before it yields the loop. */
    static final long SLICE_NANOS = 5_000_000;
    /** Clients between two looks at the clock (a power of two minus one, as a mask). */
    private static final int CLOCK_EVERY = 63;
    /**
     * Clients one slice may write to. Their sockets are flushed when the slice ends, one write syscall each, which
     * the clock above does not see; this bounds them, so the flushes too stay within a slice's few milliseconds.
     */
    static final int CLIENTS_PER_SLICE = 64;
    /** Distinct filters whose snapshot frames are kept per ceremony version. */
    private static final int SNAPSHOT_CACHE_FILTERS = 16;
    private static final Client[] NOBODY = new Client[0];

    /** Told when this loop has fanned out each update of a batch. */
    public interface StepListener {
        /** @param hadSubscribers whether any client of this loop followed the update's ceremony */
        void fannedOut(int step, boolean hadSubscribers);

        StepListener NONE = (step, hadSubscribers) -> { };
    }

    private final Context context;
    private final LoopViews views;
    private final ClientLimits limits;
    private final long keepaliveMs;
    private final AccessControl access;
    private final Batching flushes;
    private final LongConsumer taskNanos;
    private final Delivery websocket;
    private final Delivery sse;
    private final Set<Client> clients = new LinkedHashSet<>();
    private final Map<String, Subscribers> subscribers = new HashMap<>();
    private final Map<String, SnapshotCache> snapshots = new HashMap<>();
    private final ArrayDeque<Work> work = new ArrayDeque<>();
    private boolean continuationScheduled;
    /** Clients the running slice may still write to. */
    private int sliceClients;
    private boolean sweepQueued;
    private long sweepTimer = -1;
    private int depth;

    /**
     * @param keepaliveMs interval of SSE keep-alives (WebSocket pings follow {@code limits.heartbeatMs()})
     * @param flushes     batches the flushes of each task
     * @param taskNanos   told how long each task took, to expose the longest the loop was held
     */
    public Hub(Context context, LoopViews views, ClientLimits limits, long keepaliveMs, AccessControl access,
               Batching flushes, LongConsumer taskNanos) {
        this.context = context;
        this.views = views;
        this.limits = limits;
        this.keepaliveMs = keepaliveMs;
        this.access = access;
        this.flushes = flushes;
        this.taskNanos = taskNanos;
        this.websocket = new Delivery(limits);
        this.sse = new Delivery(limits);
    }

    public LoopViews views() {
        return views;
    }

    /** Counts of one transport on this loop, readable from any thread. */
    public Delivery.Counts counts(Wire.Format format) {
        return delivery(format).counts();
    }

    /** Frames written on this loop, both transports; any thread. */
    public long framesWritten() {
        return websocket.counts().framesSent() + sse.counts().framesSent();
    }

    // ---- clients (called by the transports, on this loop) ----

    /** A client whose transport is open and may be written to. */
    public Client connect(Outlet outlet, Grant grant) {
        Client client = new Client(outlet, grant, delivery(outlet.format()), limits, Delivery.now());
        timed(() -> {
            clients.add(client);
            client.delivery.connected();
        });
        return client;
    }

    /** The client's transport closed: forget it. */
    public void disconnect(Client client) {
        timed(() -> {
            if (!clients.remove(client)) {
                return;
            }
            client.delivery.disconnected();
            client.outbox.clear();
            for (Subscription subscription : client.subscriptions()) {
                removeSubscriber(subscription.ceremony, client);
            }
        });
    }

    /** Anything from the client proves it alive (pongs included). */
    public void heard(Client client) {
        client.lastHeard = Delivery.now();
    }

    /** The transport takes writes again: send what waits. */
    public void drain(Client client) {
        timed(() -> flushes.run(client.outbox::flush));
    }

    /**
     * Starts (or replaces) a subscription and sends how it starts: a snapshot, the missed updates of a resume, or a
     * reset and a snapshot.
     *
     * @param resume         where the client left off, or null for a fresh start
     * @param invalidResume  why the position the client sent is none of this feed's (it gets a reset), or null
     */
    public void subscribe(Client client, String ceremony, Filter filter, ResumePoint resume, String invalidResume) {
        timed(() -> {
            if (!client.grant.allows(ceremony)) {
                error(client, "not allowed to subscribe to " + ceremony
                        + ": your token's \"ceremonies\" claim does not include it", ceremony);
                return;
            }
            if (client.subscription(ceremony) == null
                    && client.subscriptions().size() >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
                error(client, "too many subscriptions: at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION
                        + " per connection; unsubscribe from one first", ceremony);
                return;
            }
            CeremonyView view = views.findOrEmpty(ceremony);
            client.subscribe(ceremony, filter, view.revision());
            subscribers.computeIfAbsent(ceremony, k -> new Subscribers()).add(client);
            Catchup catchup = invalidResume != null ? new Catchup.Reset(invalidResume)
                    : Catchup.of(view, filter, resume, limits.maxQueuedFrames(), limits.maxQueuedBytes());
            if (resume != null || invalidResume != null) {
                if (catchup instanceof Catchup.Resumed) {
                    client.delivery.resumed();
                } else {
                    client.delivery.resumeReset();
                }
            }
            send(client, view, filter, catchup, Delivery.now());
        });
    }

    public void unsubscribe(Client client, String ceremony) {
        timed(() -> {
            if (!client.unsubscribe(ceremony)) {
                error(client, "not subscribed to " + ceremony, ceremony);
                return;
            }
            removeSubscriber(ceremony, client);
            reply(client, "unsubscribed", Frames.unsubscribed(ceremony));
        });
    }

    public void pong(Client client) {
        timed(() -> reply(client, "pong", Frames.pong()));
    }

    /** @param ceremony the ceremony the error is about, or null */
    public void error(Client client, String message, String ceremony) {
        timed(() -> reply(client, "error", Frames.error(message, ceremony)));
    }

    // ---- the feed ----

    /**
     * A batch of the feed reached this loop: its versions are served at once, its updates fanned out in order.
     *
     * @param listener told as each update has been fanned out here
     * @param done     run once the whole batch has been fanned out here
     */
    public void accept(Views.Batch batch, StepListener listener, Runnable done) {
        views.install(batch);
        work.addLast(new Fanout(batch, listener, done));
        pump();
    }

    // ---- the sweep ----

    /** Starts the periodic sweep: WebSocket heartbeats, SSE keep-alives, expired tokens, silent and stalled clients. */
    public void startSweep() {
        long period = sweepPeriod();
        sweepTimer = context.owner().setPeriodic(period, id -> {
            if (!sweepQueued) {
                sweepQueued = true;
                work.addLast(new Sweep());
                pump();
            }
        });
    }

    /** Closes every client (WebSocket 1001, SSE ended) so they reconnect to another instance and resume. */
    public Future<Void> shutdown() {
        context.owner().cancelTimer(sweepTimer);
        List<Future<Void>> closing = new ArrayList<>();
        for (Client client : List.copyOf(clients)) {
            client.outbox.clear();
            // A client whose connection went away as we closed it is gone, which is all shutdown wants: its
            // failed close must not fail the shutdown.
            closing.add(client.outlet.close(Outlet.Closing.GOING_AWAY, "gateway shutting down: reconnect and resume")
                    .otherwise(e -> {
                        LOG.debug("Client {} was already gone at shutdown: {}", client.outlet.remote(), e.toString());
                        return null;
                    }));
        }
        if (!closing.isEmpty()) {
            LOG.info("Closed {} client connection(s) for shutdown", closing.size());
        }
        websocket.publish();
        sse.publish();
        return Future.join(closing).mapEmpty();
    }

    /** How this loop's WebSocket clients are keeping up. On this loop. */
    public ClientStats stats() {
        int pendingFrames = 0;
        long pendingBytes = 0;
        int connections = 0;
        for (Client client : clients) {
            if (client.format == Wire.Format.WEBSOCKET) {
                connections++;
                pendingFrames += client.outbox.pendingFrames();
                pendingBytes += client.outbox.pendingBytes();
            }
        }
        return new ClientStats(connections, pendingFrames, pendingBytes, websocket.peakPendingFrames(),
                websocket.peakPendingBytes(), websocket.conflated(), websocket.closedTooSlow(), List.of(clients.size()));
    }

    // ---- internals ----

    private Delivery delivery(Wire.Format format) {
        return format == Wire.Format.WEBSOCKET ? websocket : sse;
    }

    long sweepPeriod() {
        return Math.min(limits.heartbeatMs(), keepaliveMs);
    }

    /** Runs one task's work, times it and publishes the counts it moved. Nested calls count once. */
    private void timed(Runnable task) {
        if (depth > 0) {
            task.run();
            return;
        }
        long start = System.nanoTime();
        depth++;
        try {
            task.run();
        } finally {
            depth--;
            endTask(start);
        }
    }

    private void endTask(long start) {
        taskNanos.accept(System.nanoTime() - start);
        websocket.publish();
        sse.publish();
    }

    /** Runs queued work until it is done or a slice is used up; then continues in a task of its own. */
    private void pump() {
        if (continuationScheduled || work.isEmpty() || depth > 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + SLICE_NANOS;
        sliceClients = CLIENTS_PER_SLICE;
        depth++;
        try {
            flushes.run(() -> {
                while (!work.isEmpty()) {
                    if (!work.peekFirst().run(deadline)) {
                        continuationScheduled = true;
                        context.runOnContext(v -> {
                            continuationScheduled = false;
                            pump();
                        });
                        return;
                    }
                    work.pollFirst();
                }
            });
        } finally {
            depth--;
            endTask(start);
        }
    }

    private void send(Client client, CeremonyView view, Filter filter, Catchup catchup, long now) {
        String ceremony = view.ceremony();
        if (catchup instanceof Catchup.Fresh) {
            deliver(client, snapshotFrame(client.format, view, filter), null, now);
        } else if (catchup instanceof Catchup.Resumed resumed) {
            deliver(client, encode(client.format, "resumed", null, Frames.resumed(ceremony, resumed.fromSeq())), null,
                    now);
            for (FeedUpdate update : resumed.missed()) {
                deliver(client, update.frame(client.format), update, now);
            }
        } else if (catchup instanceof Catchup.Reset reset) {
            deliver(client, encode(client.format, "reset", null, Frames.reset(ceremony, reset.reason())), null, now);
            deliver(client, snapshotFrame(client.format, view, filter), null, now);
        }
    }

    private void reply(Client client, String type, String json) {
        deliver(client, encode(client.format, type, null, json), null, Delivery.now());
    }

    /**
     * Every frame to a client goes through here, so none can overtake a waiting one. Closes a client that has
     * fallen too far behind: too many frames waiting, or waiting too long.
     */
    private void deliver(Client client, Frame frame, FeedUpdate update, long now) {
        client.delivery.deliver(client.outbox, frame, update, now, reason -> closeTooSlow(client, reason));
    }

    private void closeTooSlow(Client client, String reason) {
        LOG.debug("Client {} closed: {}", client, reason);
        client.outlet.close(Outlet.Closing.TOO_SLOW, reason);
    }

    private static Frame encode(Wire.Format format, String type, String id, String json) {
        return Wire.encode(format, type, id, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A snapshot frame, filtered and encoded once per version, filter and format on this loop: a crowd subscribing at
     * the start of a show costs one JSON encoding, not one per client.
     */
    private Frame snapshotFrame(Wire.Format format, CeremonyView view, Filter filter) {
        SnapshotCache cache = snapshots.get(view.ceremony());
        if (cache == null || cache.view != view) {
            cache = new SnapshotCache(view);
            snapshots.put(view.ceremony(), cache);
        }
        Map<Filter, Frame> frames = format == Wire.Format.WEBSOCKET ? cache.websocket : cache.sse;
        Frame frame = frames.get(filter);
        if (frame == null) {
            Snapshot snapshot = filter.apply(view.snapshot());
            frame = encode(format, "snapshot", Wire.sseId(snapshot.ceremony(), snapshot.epoch(), snapshot.seq()),
                    Frames.snapshot(snapshot));
            if (frames.size() < SNAPSHOT_CACHE_FILTERS) {
                frames.put(filter, frame);
            }
        }
        return frame;
    }

    private void removeSubscriber(String ceremony, Client client) {
        Subscribers subscribed = subscribers.get(ceremony);
        if (subscribed != null && subscribed.remove(client) && subscribed.isEmpty()) {
            subscribers.remove(ceremony);
            // Its snapshot frames serve subscribers to come only while others follow it: ids made up by clients
            // (views of no ceremony) must not pile up here.
            snapshots.remove(ceremony);
        }
    }

    /** One update to one client, unless its subscription already holds it. */
    private void deliverStep(Client client, Views.Step step, Selection selection, long now) {
        Subscription subscription = client.subscription(step.ceremony());
        if (subscription == null || subscription.revision >= step.revision()) {
            return; // unsubscribed meanwhile, or (re)subscribed from a version that holds this update
        }
        if (step.reset()) {
            CeremonyView view = views.findOrEmpty(step.ceremony());
            subscription.revision = view.revision();
            send(client, view, subscription.filter, new Catchup.Reset("the ceremony's history was reset (new epoch "
                    + step.update().epoch() + ")"), now);
            return;
        }
        subscription.revision = step.revision();
        Optional<FeedUpdate> mine = selection.forFilter(subscription.filter);
        if (mine.isPresent()) {
            FeedUpdate update = mine.get();
            deliver(client, update.frame(client.format), update, now);
        }
    }

    /**
     * One sweep of one client, when its interval is due: flush what waits (in case a drain was missed), close it if
     * silent for three heartbeats, its token expired or its frames waited too long, else ping it or keep its stream
     * alive.
     */
    private void sweep(Client client, long now) {
        if (now + sweepPeriod() / 2 < client.nextSweep || !client.outlet.isOpen()) {
            return;
        }
        client.nextSweep = now + (client.format == Wire.Format.WEBSOCKET ? limits.heartbeatMs() : keepaliveMs);
        client.outbox.flush();
        if (client.outlet.hearsClient() && now - client.lastHeard > 3 * limits.heartbeatMs()) {
            LOG.debug("Client {} silent for {} ms: closing", client, now - client.lastHeard);
            client.outbox.clear();
            client.outlet.close(Outlet.Closing.SILENT, "no pong or message for 3 heartbeats; reconnect and resume");
        } else if (access.expired(client.grant)) {
            client.outbox.clear();
            client.outlet.close(Outlet.Closing.UNAUTHORIZED, "token expired: reconnect with a fresh token and resume");
        } else {
            client.delivery.closeIfBehindTooLong(client.outbox, now, reason -> closeTooSlow(client, reason));
            if (client.outlet.isOpen()) {
                client.outlet.keepAlive(client.outbox.behind());
            }
        }
    }

    /** The subscribers of one ceremony, with an array of them kept for fan-outs until the set changes. */
    private static final class Subscribers {
        private final Set<Client> set = new LinkedHashSet<>();
        private Client[] array;

        void add(Client client) {
            if (set.add(client)) {
                array = null;
            }
        }

        boolean remove(Client client) {
            boolean removed = set.remove(client);
            if (removed) {
                array = null;
            }
            return removed;
        }

        boolean isEmpty() {
            return set.isEmpty();
        }

        /** A snapshot of the subscribers: a fan-out walks it while the set may change. Never modified. */
        Client[] array() {
            if (array == null) {
                array = set.toArray(NOBODY);
            }
            return array;
        }
    }

    private static final class SnapshotCache {
        final CeremonyView view;
        final Map<Filter, Frame> websocket = new HashMap<>();
        final Map<Filter, Frame> sse = new HashMap<>();

        SnapshotCache(CeremonyView view) {
            this.view = view;
        }
    }

    /** A piece of queued work that runs in slices. */
    private interface Work {
        /** Runs until done (true) or past {@code deadline} (false: call again in a later task). */
        boolean run(long deadline);
    }

    /** Whether the running slice must yield before the client at {@code next}: out of clients or out of time. */
    private boolean sliceUsedUp(int next, long deadline) {
        return sliceClients-- <= 0 || (next & CLOCK_EVERY) == CLOCK_EVERY && System.nanoTime() > deadline;
    }

    /** A batch's updates to this loop's subscribers, one update after the other. */
    private final class Fanout implements Work {
        private final List<Views.Step> steps;
        private final StepListener listener;
        private final Runnable done;
        private int step;
        private Client[] targets;
        private int next;
        private Selection selection;

        Fanout(Views.Batch batch, StepListener listener, Runnable done) {
            this.steps = batch.steps();
            this.listener = listener;
            this.done = done;
        }

        @Override
        public boolean run(long deadline) {
            long now = Delivery.now();
            while (step < steps.size()) {
                Views.Step current = steps.get(step);
                if (targets == null) {
                    Subscribers subscribed = subscribers.get(current.ceremony());
                    targets = subscribed == null ? NOBODY : subscribed.array();
                    next = 0;
                    selection = current.reset() ? null : new Selection(current.applied());
                }
                while (next < targets.length) {
                    if (sliceUsedUp(next, deadline)) {
                        return false;
                    }
                    deliverStep(targets[next++], current, selection, now);
                }
                listener.fannedOut(step, targets.length > 0);
                targets = null;
                selection = null;
                step++;
            }
            done.run();
            return true;
        }
    }

    /** One round of the sweep over every client, in slices like a fan-out. */
    private final class Sweep implements Work {
        private Client[] all;
        private int next;

        @Override
        public boolean run(long deadline) {
            if (all == null) {
                all = clients.toArray(NOBODY);
            }
            long now = Delivery.now();
            while (next < all.length) {
                if (sliceUsedUp(next, deadline)) {
                    return false;
                }
                sweep(all[next++], now);
            }
            sweepQueued = false;
            return true;
        }
    }
}
