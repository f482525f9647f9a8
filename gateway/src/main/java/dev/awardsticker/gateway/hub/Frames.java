package dev.awardsticker.gateway.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.awardsticker.contract.Json;
import dev.awardsticker.gateway.view.CeremonyState;
import dev.awardsticker.gateway.view.Snapshot;

/**
 * The JSON of the messages the server sends besides updates (see PROTOCOL.md); an update's JSON is
 * {@code FeedUpdate}'s. The hub puts them into each transport's wire format.
 */
public final class Frames {
    private Frames() {}

    record SnapshotFrame(String type, String ceremony, long epoch, long seq, CeremonyState state) {}

    record ResumedFrame(String type, String ceremony, long fromSeq) {}

    record ResetFrame(String type, String ceremony, String reason) {}

    record UnsubscribedFrame(String type, String ceremony) {}

    record PongFrame(String type) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String message, String ceremony) {}

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
