package dev.awardsticker.ingest.win;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.ingest.web.JsonField;

/**
 * What an editor posts to {@code /ceremonies/:id/corrections}: {@code nominee} was announced as the winner of
 * {@code category} by mistake. With {@code correctNominee} the true winner replaces it ({@link WinCorrected});
 * without, the win is withdrawn and the category is open again ({@link WinRetracted}).
 *
 * @param correctNominee the true winner, or null to retract
 * @param reason         why, for the record (optional)
 */
public record CorrectionRequest(String eventId, String category, String nominee, String correctNominee,
                                String reason) {

    /** Reads the body, answering 400 for a missing, blank or wrongly typed field. */
    public static CorrectionRequest parse(JsonNode body) {
        JsonField root = JsonField.root(body).object("a correction: eventId, category, nominee (the winner announced"
                + " by mistake), optionally correctNominee (the true winner) and reason")
                .only("eventId", "category", "nominee", "correctNominee", "reason");
        String eventId = WinRequest.eventId(root);
        String category = root.field("category").text("the category's name as defined, e.g. \"Best Director\"");
        String nominee = root.field("nominee").text("the nominee announced as winner by mistake, as defined");
        JsonField correct = root.field("correctNominee");
        // Present but blank is refused rather than read as "absent": that would retract when a fix was meant.
        String correctNominee = correct.absent() ? null
                : correct.text("the true winner's name as defined, or leave the field out to retract the win");
        if (nominee.equals(correctNominee)) {
            throw correct.invalid("is the same as nominee ('" + nominee + "'): name the true winner, or leave"
                    + " correctNominee out to retract the win.");
        }
        return new CorrectionRequest(eventId, category, nominee, correctNominee,
                root.field("reason").optionalText("why the announcement was wrong, e.g. \"wrong envelope\""));
    }

    /** The event for this correction at {@code ceremony}, or 422 when a name is not in its definition. */
    public EditorEvent event(CeremonyDefinition ceremony, String editor, long ingestedAt) {
        Category found = DefinedNames.category(ceremony, category);
        DefinedNames.nominee(found, nominee, "nominee");
        if (correctNominee == null) {
            return new WinRetracted(eventId, ceremony.id(), found.name(), nominee, reason, ingestedAt, editor);
        }
        DefinedNames.nominee(found, correctNominee, "correctNominee");
        return new WinCorrected(eventId, ceremony.id(), found.name(), nominee, correctNominee, reason, ingestedAt,
                editor);
    }
}
