package dev.awardsticker.gateway.transport.netty;

import dev.awardsticker.gateway.hub.Batching;
import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door to Vert.x's and Netty's internals ({@code io.vertx.core.net.impl}, {@code io.vertx.core.internal},
 * channel pipelines): flush batching ({@link FlushBatch}), the raw frame path ({@link RawSocket}) and the heap trim
 * ({@link ConnectionTrim}). Nothing else in the gateway touches them (an architecture test checks it).
 *
 * <p>It switches itself off when those classes are missing (another Vert.x) or when told to
 * ({@code GATEWAY_NETTY_SEAM=false}): then flushes are not batched, frames go through Vert.x's public API
 * ({@code writeTextMessage}, {@code response.write}) and each connection keeps what Vert.x keeps.
 */
public final class NettySeam {
    private static final Logger LOG = LoggerFactory.getLogger(NettySeam.class);
    private static final boolean PRESENT = present();

    private final boolean on;

    private NettySeam(boolean on) {
        this.on = on;
    }

    /** @param wanted the configuration's choice; the seam is on only if the internals are there too */
    public static NettySeam create(boolean wanted) {
        return new NettySeam(wanted && PRESENT);
    }

    /** Flush batching for one event loop, or none when the seam is off. */
    public Batching batching() {
        return on ? new FlushBatch() : Batching.NONE;
    }

    /**
     * Prepares a freshly upgraded WebSocket: batching of its flushes, the heap trim, and its raw path.
     *
     * @param onWritable run on the loop when the channel takes writes again
     * @return the raw path, or null: write through Vert.x's API and use its drain handler
     */
    public RawSocket upgraded(Batching batching, HttpConnection upgraded, Runnable onWritable) {
        if (!on || !(batching instanceof FlushBatch flushes)) {
            return null;
        }
        RawSocket raw = flushes.attachRaw(upgraded, onWritable);
        if (raw == null) {
            LOG.warn("A WebSocket's channel is out of reach: its frames go through Vert.x and are flushed one by one");
        }
        ConnectionTrim.releaseHandshake(upgraded);
        ConnectionTrim.shrinkWriteQueue(upgraded);
        return raw;
    }

    /** Batches the flushes of an HTTP connection (an SSE stream); nothing when the seam is off. */
    public void batchFlushes(Batching batching, HttpConnection connection) {
        if (on && batching instanceof FlushBatch flushes) {
            flushes.attach(connection);
        }
    }

    /** Flushes of client sockets so far, and those folded into a batch's; zeros when the seam is off. */
    public static long[] flushCounts(Batching batching) {
        return batching instanceof FlushBatch flushes ? new long[] {flushes.flushes(), flushes.flushesHeld()}
                : new long[] {0, 0};
    }

    private static boolean present() {
        try {
            ClassLoader loader = NettySeam.class.getClassLoader();
            Class.forName("io.vertx.core.net.impl.ConnectionBase", false, loader);
            Class.forName("io.vertx.core.net.impl.VertxHandler", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("Vert.x's internals are not where this gateway expects them ({}): frames go through Vert.x's "
                    + "public API, flushed one by one", e.toString());
            return false;
        }
    }
}
