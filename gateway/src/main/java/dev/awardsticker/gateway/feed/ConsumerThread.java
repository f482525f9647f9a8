package dev.awardsticker.gateway.feed;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread a Kafka consumer loop runs on, and the one safe way to stop it: mark it stopping, wake the consumer
 * out of its poll, wait for the loop to end. The loop publishes the consumer it uses with {@link #use} and checks
 * {@link #stopped()} right after (a stop that came before the consumer was published would otherwise be missed).
 */
public final class ConsumerThread {
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<?, ?> consumer;

    public ConsumerThread(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    public String name() {
        return thread.getName();
    }

    public void start() {
        thread.start();
    }

    public boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits up to {@code millis} (a back-off), returning early when asked to stop; true when stopping. */
    public boolean pause(long millis) throws InterruptedException {
        return stopping.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The consumer the loop polls now, or null between consumers. */
    public void use(KafkaConsumer<?, ?> current) {
        consumer = current;
    }

    /** Asks the loop to stop and wakes its consumer; any thread. */
    public void requestStop() {
        stopping.countDown();
        KafkaConsumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits for the loop to end (blocking: off the event loop). */
    public void join(Duration atMost) {
        try {
            thread.join(atMost.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop(Duration atMost) {
        requestStop();
        join(atMost);
    }
}
