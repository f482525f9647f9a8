package dev.awardsticker.gateway.feed;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.CeremonyUpdate;

import java.util.List;

/**
 * One update as clients receive it, with its {@code update} message encoded into each wire format: an update read
 * from Kafka is encoded once, on the feed thread ({@link #encoded}), and the same frames go to every unfiltered
 * client on every event loop and into the resume buffer. A filtered or merged copy ({@link #withChanges}) belongs to
 * the event loop that made it and is encoded there, once per format that is asked for.
 */
public final class FeedUpdate {

    private record UpdateMessage(String type, CeremonyUpdate update) {}

    private final CeremonyUpdate update;
    private byte[] json;
    private Frame websocket;
    private Frame sse;

    private FeedUpdate(CeremonyUpdate update) {
        this.update = update;
    }

    /** The update with both wire forms encoded now: safe to share between threads once handed over. */
    public static FeedUpdate encoded(CeremonyUpdate update) {
        FeedUpdate feed = new FeedUpdate(update);
        feed.frame(Wire.Format.WEBSOCKET);
        feed.frame(Wire.Format.SSE);
        feed.json = null; // the frames hold it
        return feed;
    }

    /** The {@code update} message (see PROTOCOL.md) of {@code update}, as JSON. */
    public static byte[] json(CeremonyUpdate update) {
        return Json.bytes(new UpdateMessage("update", update));
    }

    public CeremonyUpdate update() {
        return update;
    }

    /** The update's message in {@code format}, encoded on first use (by the thread that made this copy). */
    public Frame frame(Wire.Format format) {
        if (format == Wire.Format.WEBSOCKET) {
            if (websocket == null) {
                websocket = Wire.websocket(json());
            }
            return websocket;
        }
        if (sse == null) {
            sse = Wire.sse("update", Wire.sseId(ceremony(), epoch(), seq()), json());
        }
        return sse;
    }

    /** Bytes of the update's JSON (its WebSocket frame, header aside): the measure of a replay's size. */
    public int size() {
        return frame(Wire.Format.WEBSOCKET).length();
    }

    /** The same update carrying {@code changes} instead, to be encoded anew; this one if they are its own. */
    public FeedUpdate withChanges(List<Change> changes) {
        return changes.equals(update.changes()) ? this : new FeedUpdate(update.withChanges(changes));
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

    private byte[] json() {
        if (json == null) {
            json = json(update);
        }
        return json;
    }

    @Override
    public String toString() {
        return "FeedUpdate[" + ceremony() + " " + epoch() + ":" + seq() + "]";
    }
}
