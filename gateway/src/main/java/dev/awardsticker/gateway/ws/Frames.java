package dev.awardsticker.gateway.ws;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.feed.CeremonyState;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.feed.Snapshot;
import io.vertx.core.buffer.Buffer;

/** The frames the server sends (see PROTOCOL.md), as JSON text. */
public final class Frames {
    private Frames() {}

    record SnapshotFrame(String type, String ceremony, long epoch, long seq, CeremonyState state) {}

    record ResumedFrame(String type, String ceremony, long fromSeq) {}

    record ResetFrame(String type, String ceremony, String reason) {}

    record UnsubscribedFrame(String type, String ceremony) {}

    record PongFrame(String type) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String message, String ceremony) {}

    /** Encoded once per update, on the feed thread; the bytes are shared by every unfiltered subscriber. */
    public static Buffer update(CeremonyUpdate update) {
        return FeedUpdate.encode(update);
    }

    public static String snapshot(Snapshot snapshot) {
        return Json.text(new SnapshotFrame("snapshot", snapshot.ceremony(), snapshot.epoch(), snapshot.seq(),
                snapshot.state()));
    }

    public static String resumed(String ceremony, long fromSeq) {
        return Json.text(new ResumedFrame("resumed", ceremony, fromSeq));
    }

    public static String reset(String ceremony, String reason) {
        return Json.text(new ResetFrame("reset", ceremony, reason));
    }

    public static String unsubscribed(String ceremony) {
        return Json.text(new UnsubscribedFrame("unsubscribed", ceremony));
    }

    public static String pong() {
        return Json.text(new PongFrame("pong"));
    }

    /** @param ceremony the ceremony the error is about, or null */
    public static String error(String message, String ceremony) {
        return Json.text(new ErrorFrame("error", message, ceremony));
    }
}
