package dev.awardsticker.gateway.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@link FlushBatch} on a Netty channel of its own: a counter at the head sees the flushes that would reach the
 * socket, a stand-in for Vert.x's handler at the tail writes and flushes every frame, as Vert.x does outside a read.
 */
class FlushBatchTest {

    /** Counts the flushes that get past the batching handler, i.e. the ones that would become syscalls. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private final FlushBatch batch = new FlushBatch();
    private final FlushCounter counter = new FlushCounter();
    private final EmbeddedChannel channel = new EmbeddedChannel(counter, new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext vertx = channel.pipeline().lastContext();

    private void writeAndFlush(String frame) {
        vertx.writeAndFlush(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8));
    }

    private List<String> sent() {
        List<String> out = new ArrayList<>();
        for (ByteBuf next = channel.readOutbound(); next != null; next = channel.readOutbound()) {
            out.add(next.toString(StandardCharsets.UTF_8));
            next.release();
        }
        return out;
    }

    @Test
    void theFramesOfABatchLeaveInOrderWithOneFlush() {
        batch.attach(vertx);
        batch.run(() -> {
            List.of("1", "2", "3", "4").forEach(this::writeAndFlush);
            assertEquals(0, counter.flushes, "nothing flushed while the batch runs");
            assertEquals(List.of(), sent());
        });
        assertEquals(1, counter.flushes);
        assertEquals(List.of("1", "2", "3", "4"), sent());
        assertEquals(4, batch.flushesHeld());
        assertEquals(1, batch.flushes());
    }

    @Test
    void nestedRunsFlushWhenTheOutermostEnds() {
        batch.attach(vertx);
        batch.run(() -> {
            writeAndFlush("a");
            batch.run(() -> writeAndFlush("b"));
            assertEquals(0, counter.flushes);
            writeAndFlush("c");
        });
        assertEquals(1, counter.flushes);
        assertEquals(List.of("a", "b", "c"), sent());
    }

    @Test
    void outsideABatchEveryFlushPassesThrough() {
        batch.attach(vertx);
        writeAndFlush("reply");
        assertEquals(1, counter.flushes);
        assertEquals(List.of("reply"), sent());
        writeAndFlush("pong");
        assertEquals(2, counter.flushes);
        assertEquals(0, batch.flushesHeld());
    }

    /** A batch bigger than the high-water mark goes out as it fills, so it never makes a fast client look slow. */
    @Test
    void aChannelPastItsHighWaterMarkIsFlushedAtOnce() {
        // Netty counts each buffered message's bytes plus ~100 bytes of bookkeeping.
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(200, 400));
        String small = "s".repeat(100);
        String big = "b".repeat(300);
        batch.attach(vertx);
        batch.run(() -> {
            writeAndFlush(small);
            assertEquals(0, counter.flushes);
            writeAndFlush(big); // unflushed now: past the high-water mark
            assertEquals(1, counter.flushes);
            assertEquals(List.of(small, big), sent());
        });
        assertEquals(2, counter.flushes, "the batch's end flushes the channel that asked, even if nothing is left");
    }

    @Test
    void attachingTwiceAddsOneHandler() {
        batch.attach(vertx);
        batch.attach(vertx);
        assertEquals(1, channel.pipeline().names().stream().filter(FlushBatch.HANDLER_NAME::equals).count());
        writeAndFlush("once");
        assertEquals(List.of("once"), sent());
    }

    /** Closing flushes what was written (Netty's close does), and the batch's end does not trip over it. */
    @Test
    void aChannelClosedDuringTheBatchIsNoTrouble() {
        batch.attach(vertx);
        batch.run(() -> {
            writeAndFlush("last");
            channel.close();
        });
        assertFalse(channel.isOpen());
        writeAndFlush("after");
        assertEquals(0, channel.outboundMessages().stream().filter(m -> m.toString().contains("after")).count());
    }
}
