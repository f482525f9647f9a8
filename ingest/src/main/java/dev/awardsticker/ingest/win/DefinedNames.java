package dev.awardsticker.ingest.win;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.ingest.web.ApiError;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Looks up the names an editor typed in the ceremony's definition, answering 422 with the field, a suggestion
 * and the choices when one is not there. Whether an event repeats or contradicts an earlier one is the Streams
 * app's call, not ours: this only checks that it names things that exist.
 */
final class DefinedNames {
    private DefinedNames() {}

    static Category category(CeremonyDefinition ceremony, String name) {
        return ceremony.category(name).orElseThrow(() -> ApiError.unprocessable("category",
                "'" + name + "' is not a category of " + ceremony.id() + suggestion(name, ceremony.categories(),
                Category::name) + ". GET /ceremonies/" + ceremony.id() + " lists its " + ceremony.categories().size()
                + " categories."));
    }

    /** {@code field} is the request field that named it: {@code nominee}, {@code correctNominee}. */
    static Nominee nominee(Category category, String name, String field) {
        return category.nominee(name).orElseThrow(() -> ApiError.unprocessable(field,
                "'" + name + "' is not a nominee of " + category.name() + suggestion(name, category.nominees(),
                Nominee::name) + ". Its nominees are: " + category.nominees().stream().map(Nominee::name)
                .collect(Collectors.joining(", ")) + "."));
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
