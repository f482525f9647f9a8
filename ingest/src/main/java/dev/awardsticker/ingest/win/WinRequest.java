package dev.awardsticker.ingest.win;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.ingest.web.ApiError;
import dev.awardsticker.ingest.web.JsonField;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What an editor posts to {@code /ceremonies/:id/wins}. */
public record WinRequest(String eventId, String category, String nominee, boolean tie) {
    public static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Reads the body, answering 400 for a missing, blank or wrongly typed field. */
    public static WinRequest parse(JsonNode body) {
        JsonField root = JsonField.root(body).object("a win: eventId, category, nominee and optionally tie");
        return new WinRequest(
                root.field("eventId").matching(EVENT_ID, "an id for this event of 1-128 letters, digits or"
                        + " . _ : - (the same on every retry)"),
                root.field("category").text("the category's name as defined, e.g. \"Best Director\""),
                root.field("nominee").text("the winning nominee's name as defined, e.g. \"Damien Chazelle\""),
                root.field("tie").bool(false, "true only for a deliberate second winner of the category"));
    }

    /**
     * The event for this win at {@code ceremony}, or 422 when the category or nominee is not in its definition.
     * Whether it repeats or contradicts an earlier event is the Streams app's call, not ours.
     */
    public WinAnnounced announce(CeremonyDefinition ceremony, String editor, long ingestedAt) {
        Category found = ceremony.category(category).orElseThrow(() -> ApiError.unprocessable("category",
                "'" + category + "' is not a category of " + ceremony.id() + suggestion(category,
                ceremony.categories(), Category::name) + ". GET /ceremonies/" + ceremony.id() + " lists its "
                + ceremony.categories().size() + " categories."));
        found.nominee(nominee).orElseThrow(() -> ApiError.unprocessable("nominee",
                "'" + nominee + "' is not a nominee of " + found.name() + suggestion(nominee, found.nominees(),
                Nominee::name) + ". Its nominees are: " + found.nominees().stream().map(Nominee::name)
                .collect(Collectors.joining(", ")) + "."));
        return new WinAnnounced(eventId, ceremony.id(), found.name(), nominee, tie, ingestedAt, editor);
    }

    /** Names typed with a hyphen for the en dash, other case or extra spaces: say what was meant, don't guess. */
    private static <T> String suggestion(String typed, List<T> known, Function<T, String> name) {
        Optional<String> close = known.stream().map(name)
                .filter(candidate -> loose(candidate).equals(loose(typed))).findFirst();
        return close.map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private static String loose(String text) {
        return text.toLowerCase().replaceAll("[\\u2010-\\u2015-]", "-").replaceAll("\\s+", " ").strip();
    }
}
