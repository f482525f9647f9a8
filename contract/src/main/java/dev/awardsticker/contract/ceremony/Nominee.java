package dev.awardsticker.contract.ceremony;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One nomination in a category. {@code name} is what the envelope says (a film, a person or a song);
 * {@code work} is the film or series it counts for; {@code studio} the studio or network.
 *
 * @param workIds  stable ids (IMDb title ids) of the films the nomination counts for, when known: a few early
 *                 nominations name several films, each of which it counts for; empty when unknown
 * @param studioId stable id of the studio or company (IMDb company id), when known
 */
public record Nominee(String name, String work, List<Person> people, String studio,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> workIds,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String studioId) {
    public Nominee {
        people = people == null ? List.of() : List.copyOf(people);
        workIds = workIds == null ? List.of() : List.copyOf(workIds);
    }

    public Nominee(String name, String work, List<Person> people, String studio) {
        this(name, work, people, studio, List.of(), null);
    }
}
