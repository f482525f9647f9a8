package dev.awardsticker.gateway.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.auth.JwtVerifier;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.view.Filter;
import dev.awardsticker.gateway.view.LoopViews;
import dev.awardsticker.gateway.view.Views;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.awardsticker.gateway.Fixtures.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub's fan-out on a real event loop, with fake transports: a fan-out to many clients is cut into several tasks
 * without changing what any client gets, and a client that subscribes between two slices starts consistently.
 */
class HubTest {
    private static final String CEREMONY = "slices";
    private static final long EPOCH = 5;
    private static final int CLIENTS = 2_000;
    /** Each write burns this long, so one update to every client takes several slices. */
    private static final long WRITE_NANOS = 20_000;

    /** A transport that records what it is sent, slowly. */
    private static final class Recorder implements Outlet {
        final List<String> frames = new ArrayList<>();
        Runnable onFirstUpdate;
        /** What closing answers: a failed close is a peer that went away as the gateway closed it. */
        Future<Void> closed = Future.succeededFuture();
        int closes;

        @Override
        public Wire.Format format() {
            return Wire.Format.WEBSOCKET;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public void write(Frame frame) {
            long until = System.nanoTime() + WRITE_NANOS;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            JsonNode json = read(frame.text());
            String type = json.path("type").asText();
            frames.add(type + " " + (type.equals("update") ? json.path("update").path("seq").asLong()
                    : json.path("seq").asLong()));
            if (type.equals("update") && onFirstUpdate != null) {
                Runnable once = onFirstUpdate;
                onFirstUpdate = null;
                once.run();
            }
        }

        @Override
        public void keepAlive(boolean behind) {
        }

        @Override
        public boolean hearsClient() {
            return false;
        }

        @Override
        public Future<Void> close(Closing why, String reason) {
            closes++;
            return closed;
        }

        @Override
        public String remote() {
            return "fake";
        }
    }

    private Vertx vertx;
    private Context context;
    private Hub hub;
    private final AtomicInteger tasks = new AtomicInteger();
    private final Views views = new Views(100);
    private final List<FeedUpdate> updates = history(CEREMONY, EPOCH, 5).stream().map(FeedUpdate::encoded).toList();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        AccessControl open = new AccessControl(List.of(), JwtVerifier.create(null, null, null));
        hub = on(() -> new Hub(context, new LoopViews(), new ClientLimits(60_000, 1_000, 1 << 20), 60_000, open,
                Batching.NONE, nanos -> tasks.incrementAndGet()));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aFanOutToManyClientsRunsInSlicesAndEveryClientGetsEveryUpdateInOrder() throws Exception {
        batch(updates.subList(0, 1));
        List<Recorder> early = new ArrayList<>();
        on(() -> {
            for (int i = 0; i < CLIENTS; i++) {
                Recorder recorder = new Recorder();
                early.add(recorder);
                hub.subscribe(hub.connect(recorder, Grant.OPEN), CEREMONY, Filter.NONE, null, null);
            }
            return null;
        });
        Recorder late = new Recorder();
        // While update 2 is fanned out (one slice in), a client subscribes.
        early.get(0).onFirstUpdate = () -> context.runOnContext(v ->
                hub.subscribe(hub.connect(late, Grant.OPEN), CEREMONY, Filter.NONE, null, null));

        int before = tasks.get();
        batch(updates.subList(1, 3));
        int fanOutTasks = tasks.get() - before - 2; // the late connect and subscribe are tasks of their own
        assertTrue(fanOutTasks >= 3, "two updates to " + CLIENTS + " slow clients take several slices, took "
                + fanOutTasks);

        batch(updates.subList(3, 5));
        for (Recorder recorder : early) {
            assertEquals(List.of("snapshot 1", "update 2", "update 3", "update 4", "update 5"), recorder.frames);
        }
        // The batch's version (seq 3) in its snapshot, nothing it already holds, every update after it.
        assertEquals(List.of("snapshot 3", "update 4", "update 5"), late.frames);
    }

    @Test
    void shutdownClosesEveryClientAndSucceedsWhenSomeWereAlreadyGone() throws Exception {
        Recorder gone = new Recorder();
        gone.closed = Future.failedFuture(new IllegalStateException("connection closed by the peer"));
        Recorder present = new Recorder();
        on(() -> {
            hub.connect(gone, Grant.OPEN);
            hub.connect(present, Grant.OPEN);
            return null;
        });
        // await throws, failing the test, if the shutdown's future failed.
        on(hub::shutdown).await(10, TimeUnit.SECONDS);
        assertEquals(1, gone.closes);
        assertEquals(1, present.closes);
    }

    /** Hands a batch to the hub and waits until it has been fanned out. */
    private void batch(List<FeedUpdate> batch) throws Exception {
        Views.Batch applied = views.apply(batch, true);
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> hub.accept(applied, Hub.StepListener.NONE, done::complete));
        done.future().await(30, TimeUnit.SECONDS);
    }

    private <T> T on(Callable<T> work) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future().await(30, TimeUnit.SECONDS);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
