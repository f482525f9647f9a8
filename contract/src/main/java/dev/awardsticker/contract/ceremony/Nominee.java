package dev.awardsticker.contract.ceremony;

import java.util.List;

/**
 * One nomination in a category. {@code name} is what the envelope says (a film, a person or a song);
 * {@code work} is the film or series it counts for; {@code studio} the studio or network.
 */
public record Nominee(String name, String work, List<Person> people, String studio) {
    public Nominee {
        people = people == null ? List.of() : List.copyOf(people);
    }
}
