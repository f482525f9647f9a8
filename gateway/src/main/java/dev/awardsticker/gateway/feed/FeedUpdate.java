package dev.awardsticker.gateway.feed;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * One update as a client receives it, with its {@code update} frame already encoded: the frame of an update read
 * from Kafka is built once on the feed thread and the same bytes go to every unfiltered client and into the resume
 * buffer. A filtered or merged copy ({@link #withChanges}) is encoded once for all the clients it goes to.
 */
public record FeedUpdate(CeremonyUpdate update, Buffer frame) {

    private record UpdateFrame(String type, CeremonyUpdate update) {}

    /** The {@code update} frame (see PROTOCOL.md) of {@code update}. */
    public static Buffer encode(CeremonyUpdate update) {
        return Buffer.buffer(Json.bytes(new UpdateFrame("update", update)));
    }

    public static FeedUpdate of(CeremonyUpdate update) {
        return new FeedUpdate(update, encode(update));
    }

    /** The same update carrying {@code changes} instead, encoded anew; this one if they are its own. */
    public FeedUpdate withChanges(List<Change> changes) {
        return changes.equals(update.changes()) ? this : of(update.withChanges(changes));
    }

    public String ceremony() {
        return update.ceremony();
    }

    public long epoch() {
        return update.epoch();
    }

    public long seq() {
        return update.seq();
    }

    public List<Change> changes() {
        return update.changes();
    }
}
