package dev.awardsticker.gateway.view;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.update.RecordAlert;

/**
 * A record alert as a snapshot lists it. A withdrawn alert stays listed, flagged, rather than disappearing: a
 * newsroom that showed the banner must see that it was taken down and why.
 *
 * <p>In JSON it is the alert exactly as its update carried it, plus {@code withdrawn} and {@code withdrawnReason},
 * so a client reads snapshot alerts and alert updates with the same code.
 *
 * @param withdrawnReason why it was withdrawn (from {@code AlertWithdrawn.reason}); null while it stands
 */
public record AlertState(RecordAlert alert, boolean withdrawn, String withdrawnReason) {

    static AlertState raised(RecordAlert alert) {
        return new AlertState(alert, false, null);
    }

    AlertState withdraw(String reason) {
        return new AlertState(alert, true, reason);
    }

    /** Flat on purpose (not {@code {"alert":{..}}}): older clients keep reading the alert's own fields. */
    @JsonValue
    public ObjectNode json() {
        ObjectNode node = Json.MAPPER.valueToTree(alert);
        node.put("withdrawn", withdrawn);
        node.put("withdrawnReason", withdrawnReason);
        return node;
    }
}
