package dev.awardsticker.gateway.transport.netty;

import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.hub.Batching;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * One flush per client per batch of updates, instead of one per frame; and the raw path of pre-encoded WebSocket
 * frames ({@link RawSocket}). One per event loop, used only on that loop.
 *
 * <p>Vert.x flushes every write made outside a channel read, so each frame to each client would be its own
 * {@code write} syscall (and, on loopback, the receiver's TCP work too): that was ~24 µs of the gateway's CPU per
 * frame, against ~0.4 µs for our own Java path. Vert.x 5 has no public "write without flush", so this sits in each
 * client's Netty pipeline, just in front of Vert.x's handler, and holds back the flushes that pass while
 * {@link #run} runs; when the outermost {@code run} ends, every channel that asked is flushed once.
 *
 * <p>Everything else is untouched: frames still go through Vert.x's own write path (its write queue, writability
 * and drain events, pings, pongs and close frames), in the order they were written, since a held-back flush only
 * delays when the bytes already in the channel's buffer reach the socket. A channel whose buffer passes its
 * high-water mark (the frames of a big batch) is flushed at once, so batching alone never makes a fast client look
 * slow. Outside {@code run} (replies to a client's requests, snapshots) flushes pass straight through; the heartbeat
 * (pings), the SSE keep-alive and drains are batched like updates.
 */
public final class FlushBatch implements Batching {
    /** The handler's name in each pipeline. */
    static final String HANDLER_NAME = "ticker-flush-batch";

    private final List<Deferred> pending = new ArrayList<>();
    private int depth;
    private volatile long flushesHeld;
    private volatile long flushes;

    /**
     * Puts the batching handler in front of the Vert.x handler of {@code connection}'s channel: the WebSocket's
     * once the request was upgraded, else the HTTP connection's. Vert.x's public API does not reach the channel
     * (and Vert.x Web wraps the WebSocket), but its HTTP/1 connection is a {@link ConnectionBase}.
     *
     * @return false if the connection is not one this can reach (then its flushes are not batched)
     */
    public boolean attach(HttpConnection connection) {
        return attachRaw(connection, null) != null;
    }

    /**
     * As {@link #attach(HttpConnection)}, and returns the channel's raw path for pre-encoded frames.
     *
     * @param onWritable run (on the loop) when the channel takes writes again after it was full; may be null
     * @return null if the connection is not one this can reach
     */
    RawSocket attachRaw(HttpConnection connection, Runnable onWritable) {
        if (connection instanceof ConnectionBase base) {
            ChannelHandlerContext vertxHandler = base.channel().pipeline().context(VertxHandler.class);
            if (vertxHandler != null) {
                Deferred deferred = attach(vertxHandler);
                if (deferred != null) {
                    deferred.onWritable = onWritable;
                }
                return deferred;
            }
        }
        return null;
    }

    /**
     * Puts the batching handler in front of the Vert.x handler whose context this is (a WebSocket's or an HTTP
     * connection's). Call it on the channel's event loop, which must be this batch's. Idempotent per channel.
     */
    public Deferred attach(ChannelHandlerContext vertxHandler) {
        ChannelPipeline pipeline = vertxHandler.pipeline();
        if (pipeline.get(HANDLER_NAME) instanceof Deferred known) {
            return known;
        }
        if (vertxHandler.isRemoved()) {
            return null;
        }
        Deferred deferred = new Deferred();
        pipeline.addBefore(vertxHandler.name(), HANDLER_NAME, deferred);
        return deferred;
    }

    /** Runs {@code work}, holding back the flushes it causes until it (and any outer {@code run}) returns. */
    @Override
    public void run(Runnable work) {
        depth++;
        try {
            work.run();
        } finally {
            if (--depth == 0) {
                flushPending();
            }
        }
    }

    /** Flushes requested while batching and held back, since start (to tell how much was saved). */
    public long flushesHeld() {
        return flushesHeld;
    }

    /** Flushes that reached the sockets (held ones once per channel and batch, plus those passed through). */
    public long flushes() {
        return flushes;
    }

    private void flushPending() {
        // A flush can complete writes whose listeners write and flush again: those pass straight through (depth 0).
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flushNow();
        }
        pending.clear();
    }

    /**
     * One per channel: it must know whether its channel already waits for the batch's flush. It is also the
     * channel's raw path: a frame written here enters the pipeline in front of Vert.x's handler, below which only
     * Netty's WebSocket encoder sits, and that passes bytes that are not a {@code WebSocketFrame} through untouched.
     */
    final class Deferred extends ChannelDuplexHandler implements RawSocket {
        private ChannelHandlerContext ctx;
        private boolean waiting;
        private Runnable onWritable;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            requestFlush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (onWritable != null && ctx.channel().isWritable()) {
                onWritable.run();
            }
            super.channelWritabilityChanged(ctx);
        }

        /** A duplicate of the shared bytes (own indices; its release does nothing), flushed with the batch. */
        @Override
        public void write(Frame frame) {
            ctx.write(frame.bytes().duplicate(), ctx.voidPromise());
            requestFlush();
        }

        @Override
        public boolean writable() {
            return ctx.channel().isWritable();
        }

        private void requestFlush() {
            if (depth == 0 || !ctx.channel().isWritable()) {
                flushes++;
                ctx.flush();
                return;
            }
            flushesHeld++;
            if (!waiting) {
                waiting = true;
                pending.add(this);
            }
        }

        void flushNow() {
            waiting = false;
            if (!ctx.isRemoved()) {
                flushes++;
                ctx.flush();
            }
        }
    }
}
