package dev.awardsticker.ingest.win;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.ingest.web.JsonField;

import java.util.regex.Pattern;

/** What an editor posts to {@code /ceremonies/:id/wins}. */
public record WinRequest(String eventId, String category, String nominee, boolean tie) {
    public static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Reads the body, answering 400 for a missing, blank or wrongly typed field. */
    public static WinRequest parse(JsonNode body) {
        JsonField root = JsonField.root(body).object("a win: eventId, category, nominee and optionally tie")
                .only("eventId", "category", "nominee", "tie");
        return new WinRequest(
                eventId(root),
                root.field("category").text("the category's name as defined, e.g. \"Best Director\""),
                root.field("nominee").text("the winning nominee's name as defined, e.g. \"Damien Chazelle\""),
                root.field("tie").bool(false, "true only for a deliberate second winner of the category"));
    }

    /** The client's id of an editor event (wins and corrections alike), the same on every retry. */
    static String eventId(JsonField root) {
        return root.field("eventId").matching(EVENT_ID, "an id for this event of 1-128 letters, digits or"
                + " . _ : - (the same on every retry)");
    }

    /** The event for this win at {@code ceremony}, or 422 when the category or nominee is not in its definition. */
    public WinAnnounced announce(CeremonyDefinition ceremony, String editor, long ingestedAt) {
        Category found = DefinedNames.category(ceremony, category);
        DefinedNames.nominee(found, nominee, "nominee");
        return new WinAnnounced(eventId, ceremony.id(), found.name(), nominee, tie, ingestedAt, editor);
    }
}
