package dev.awardsticker.gateway.transport.netty;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.concurrent.OutboundMessageQueue;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.core.streams.impl.MessagePassingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Trims what Vert.x 5.0.7 keeps per open WebSocket, ~9.5 KB of the ~15.8 KB per idle connection. Vert.x has no
 * setting for either, so both work by reflection on its internals, are checked by {@code ConnectionTrimTest}
 * against the Vert.x version in use, and do nothing (saying so once in the log) if a field is not found: nothing
 * else depends on them.
 *
 * <ul>
 *   <li>{@link #releaseHandshake}: Vert.x upgrades a request by putting a new {@link VertxHandler} in the
 *       channel's pipeline, created from a function that captures the HTTP/1 connection, its request, response and
 *       the handshaker. The handler keeps that function in a field after its single use, so the whole HTTP
 *       connection stays reachable from the channel, among it an outbound message queue of its own (~4.7 KB).
 *       Clearing the field makes all of that garbage.</li>
 *   <li>{@link #shrinkWriteQueue}: each Vert.x connection has an outbound message queue that holds writes only while
 *       the channel is unwritable or when they come from another thread. It is Netty's MPSC queue, which allocates a
 *       1,024-slot chunk up front (~4.7 KB with the padded queue object). Our sockets are written on their event loop
 *       only, and rarely wait: a {@link ConcurrentLinkedQueue} (also safe for many producers and one consumer)
 *       costs a few dozen bytes empty and a node per waiting write.</li>
 * </ul>
 */
final class ConnectionTrim {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTrim.class);
    private static final Field CONNECTION_FACTORY = field(VertxHandler.class, "connectionFactory");
    private static final Field OUTBOUND_QUEUE = field(VertxConnection.class, "outboundMessageQueue");
    private static final Field MESSAGE_PASSING_QUEUE = field(OutboundMessageQueue.class, "mqp");
    private static final Field QUEUE = field(MessagePassingQueue.class, "queue");

    private ConnectionTrim() {
    }

    /**
     * @param upgraded the HTTP connection whose request became a WebSocket (on its event loop, after the upgrade)
     * @return whether the handshake's leftovers were let go
     */
    static boolean releaseHandshake(HttpConnection upgraded) {
        VertxHandler<?> handler = upgradedHandler(upgraded);
        if (CONNECTION_FACTORY == null || handler == null) {
            return false;
        }
        try {
            CONNECTION_FACTORY.set(handler, null);
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Swaps the WebSocket connection's empty outbound queue for a small one. Call it on the socket's event loop
     * before writing to it.
     *
     * @param upgraded the HTTP connection whose request became a WebSocket
     * @return whether the queue was swapped
     */
    static boolean shrinkWriteQueue(HttpConnection upgraded) {
        VertxHandler<?> handler = upgradedHandler(upgraded);
        if (OUTBOUND_QUEUE == null || MESSAGE_PASSING_QUEUE == null || QUEUE == null || handler == null) {
            return false;
        }
        try {
            if (!(OUTBOUND_QUEUE.get(handler.getConnection()) instanceof OutboundMessageQueue<?> outbound)) {
                return false; // Vert.x's strict thread mode: no queue at all
            }
            Object messages = MESSAGE_PASSING_QUEUE.get(outbound);
            if (!(QUEUE.get(messages) instanceof Queue<?> queue) || !queue.isEmpty()
                    || queue instanceof ConcurrentLinkedQueue) {
                return false;
            }
            QUEUE.set(messages, new ConcurrentLinkedQueue<>());
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    /** The Vert.x handler of the channel of {@code upgraded} if a WebSocket's connection replaced the HTTP one. */
    private static VertxHandler<?> upgradedHandler(HttpConnection upgraded) {
        if (!(upgraded instanceof ConnectionBase http)) {
            return null;
        }
        VertxHandler<?> handler = http.channel().pipeline().get(VertxHandler.class);
        return handler == null || handler.getConnection() == http ? null : handler;
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Vert.x's {} has no field {} ({}): WebSocket connections keep ~5 KB more heap each",
                    owner.getSimpleName(), name, e.toString());
            return null;
        }
    }
}
