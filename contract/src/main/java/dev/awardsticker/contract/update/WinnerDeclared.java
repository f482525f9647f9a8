package dev.awardsticker.contract.update;

import java.util.List;

/** A category has a winner; {@code decided} of {@code total} categories are now decided. */
public record WinnerDeclared(String category, String nominee, String work, List<String> people, String studio,
                             boolean tie, String editor, int decided, int total) implements Change {
    public WinnerDeclared {
        people = people == null ? List.of() : List.copyOf(people);
    }
}
