package dev.awardsticker.contract.ceremony;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A ceremony as defined before (and corrected during) the show.
 *
 * @param id       stable key of the ceremony on every topic, e.g. {@code golden-globes-74}
 * @param award    award family, e.g. {@code golden-globes}; reference records are kept per award
 * @param title    display name, e.g. "74th Golden Globe Awards"
 */
public record CeremonyDefinition(String id, String award, String title, int edition, LocalDate date,
                                 String broadcaster, List<Category> categories) {
    /** What a ceremony (and award) id looks like: safe in a URL, a Kafka key and a file name, e.g. golden-globes-74. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public CeremonyDefinition {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public Optional<Category> category(String categoryName) {
        return categories.stream().filter(c -> c.name().equals(categoryName)).findFirst();
    }
}
