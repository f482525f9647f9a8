package dev.awardsticker.gateway.feed;

import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.buffer.Buffer;

/**
 * One update as read from Kafka, with its WebSocket frame already encoded: the frame is built once on the feed
 * thread and the same bytes go to every client and into the resume buffer.
 */
public record FeedUpdate(CeremonyUpdate update, Buffer frame) {

    public String ceremony() {
        return update.ceremony();
    }

    public long epoch() {
        return update.epoch();
    }

    public long seq() {
        return update.seq();
    }
}
