package dev.awardsticker.bench;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Frame;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.hub.Outbox;
import dev.awardsticker.gateway.hub.Outlet;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.vertx.core.Future;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's hot path for one update and N subscribers, without sockets (an {@link EmbeddedChannel} per
 * subscriber), so this is the CPU cost alone, without syscalls. Scores are ns per subscriber write.
 * <ul>
 *   <li>{@code sharedFrame}: what the gateway does: the WebSocket frame, header included, encoded once per update;
 *   each subscriber's {@link Outbox} writes a duplicate of the same bytes (no copy, no frame encoder);</li>
 *   <li>{@code encoderPerSubscriber}: the shared JSON through Netty's WebSocket frame encoder per subscriber, as the
 *   gateway wrote frames before it pre-encoded the header;</li>
 *   <li>{@code stringPerSubscriber}: Vert.x's {@code writeTextMessage(String)} path: one String decode and UTF-8
 *   encode per subscriber;</li>
 *   <li>{@code encodeOnly}: one encoding, for scale (per update, not per subscriber).</li>
 * </ul>
 * Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.FanoutHotPathJmh}
 * (1 fork, 2 warm-ups of 5 s, 3 iterations of 2 s; with arguments, they are JMH's own options).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanoutHotPathJmh {
    static final int SUBSCRIBERS = 1000;
    /**
     * A win as the contract publishes it: one update carrying the WinnerDeclared and its consequences (the tallies
     * that moved and the leaderboard's change), the 12th of GG74's 25 categories.
     */
    static final String UPDATE_JSON = "{\"ceremony\":\"golden-globes-74\",\"epoch\":1700000000000,\"seq\":13,"
            + "\"eventId\":\"evt-81\",\"ingestedAt\":1700000123456,\"changes\":["
            + "{\"type\":\"WinnerDeclared\",\"category\":\"Best Motion Picture - Musical or Comedy\","
            + "\"nominee\":\"La La Land\",\"work\":\"La La Land\","
            + "\"people\":[\"Fred Berger\",\"Jordan Horowitz\",\"Marc Platt\"],\"studio\":\"Lionsgate\",\"tie\":false,"
            + "\"editor\":\"ana\",\"decided\":12,\"total\":25},"
            + "{\"type\":\"TallyUpdated\",\"subject\":\"WORK\",\"name\":\"La La Land\",\"wins\":5,\"nominations\":7},"
            + "{\"type\":\"TallyUpdated\",\"subject\":\"PERSON\",\"name\":\"Fred Berger\",\"wins\":1,\"nominations\":1},"
            + "{\"type\":\"TallyUpdated\",\"subject\":\"PERSON\",\"name\":\"Jordan Horowitz\",\"wins\":1,\"nominations\":1},"
            + "{\"type\":\"TallyUpdated\",\"subject\":\"PERSON\",\"name\":\"Marc Platt\",\"wins\":1,\"nominations\":1},"
            + "{\"type\":\"TallyUpdated\",\"subject\":\"STUDIO\",\"name\":\"Lionsgate\",\"wins\":5,\"nominations\":8},"
            + "{\"type\":\"LeaderboardChanged\",\"decided\":12,\"total\":25,"
            + "\"remaining\":[\"Best Director\",\"Best Screenplay\"],"
            + "\"entries\":[{\"rank\":1,\"work\":\"La La Land\",\"wins\":5,\"nominations\":7}],\"removed\":[]}]}";

    private CeremonyUpdate update;

    /** A WebSocket as the gateway's raw writer writes to it, minus the socket. */
    private static final class ChannelOutlet implements Outlet {
        private final EmbeddedChannel channel;

        ChannelOutlet(EmbeddedChannel channel) {
            this.channel = channel;
        }

        @Override
        public Wire.Format format() {
            return Wire.Format.WEBSOCKET;
        }

        @Override
        public boolean writeQueueFull() {
            return !channel.isWritable();
        }

        @Override
        public void write(Frame frame) {
            channel.writeAndFlush(frame.bytes().duplicate());
        }

        @Override
        public void keepAlive(boolean behind) {
        }

        @Override
        public boolean hearsClient() {
            return true;
        }

        @Override
        public Future<Void> close(Closing why, String reason) {
            return Future.succeededFuture();
        }

        @Override
        public String remote() {
            return "embedded";
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }
    }

    @Setup
    public void setUp() {
        update = Json.read(UPDATE_JSON.getBytes(StandardCharsets.UTF_8), CeremonyUpdate.class);
    }

    /** The subscribers' channels, emptied after every invocation as a socket write would. */
    @State(Scope.Benchmark)
    public static class Subscribers {
        final List<EmbeddedChannel> channels = new ArrayList<>();
        final List<Outbox> outboxes = new ArrayList<>();

        @Setup
        public void setUp() {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
                channels.add(channel);
                outboxes.add(new Outbox(new ChannelOutlet(channel), 1000, 1 << 20, () -> { }));
            }
        }

        @TearDown(Level.Invocation)
        public void drain() {
            for (EmbeddedChannel channel : channels) {
                channel.releaseOutbound();
            }
        }

        @TearDown
        public void tearDown() {
            channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public void sharedFrame(Subscribers subscribers) {
        FeedUpdate feed = FeedUpdate.encoded(update); // as the gateway's feed: encoded once per update
        Frame frame = feed.frame(Wire.Format.WEBSOCKET);
        for (Outbox outbox : subscribers.outboxes) {
            outbox.send(frame, feed, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public void encoderPerSubscriber(Subscribers subscribers) {
        byte[] json = FeedUpdate.json(update);
        for (EmbeddedChannel channel : subscribers.channels) {
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SUBSCRIBERS)
    public void stringPerSubscriber(Subscribers subscribers) {
        String text = new String(FeedUpdate.json(update), StandardCharsets.UTF_8);
        for (EmbeddedChannel channel : subscribers.channels) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    @Benchmark
    public FeedUpdate encodeOnly() {
        return FeedUpdate.encoded(update);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        new Runner(new OptionsBuilder().include(FanoutHotPathJmh.class.getName())
                // Long warm-ups: on 2 shared cores C2 needs several seconds before the scores settle.
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(5))
                .measurementIterations(3).measurementTime(TimeValue.seconds(2)).build()).run();
    }
}
