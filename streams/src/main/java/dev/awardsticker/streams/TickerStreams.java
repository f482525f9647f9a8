package dev.awardsticker.streams;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The running Streams app: start it, wait until it is processing, close it. Used by Main and the launcher. */
public final class TickerStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TickerStreams.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    private TickerStreams(StreamsAppConfig config) {
        streams = new KafkaStreams(TickerTopology.build(), config.toProperties());
        streams.setStateListener((now, before) -> {
            LOG.info("Streams app {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        // Our processor dead-letters bad records itself, so what reaches here is infrastructure trouble
        // (a broker gone, a fenced transaction): a fresh thread resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it and resuming from the last commit", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public static TickerStreams start(StreamsAppConfig config) {
        TickerStreams app = new TickerStreams(config);
        app.streams.start();
        return app;
    }

    /** Blocks until the app has its partitions and is processing. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Streams app not running after " + timeout + " (state "
                    + streams.state() + "): is Kafka reachable and are the topics created?");
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group on a clean stop so a restarted or second instance takes over at once
        // instead of waiting out the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
