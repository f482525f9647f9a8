package dev.awardsticker.contract.ceremony;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * @param awardClass the award's broad group where it matters to records: {@code Acting} (acting records),
 *                   {@code SciTech} and {@code Special} (honorary, special achievement: not competitive, so they
 *                   count toward no record), anything else or null: a competitive category
 */
public record Category(String name, List<Nominee> nominees,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String awardClass) {
    public static final String ACTING = "Acting";
    /** Classes of non-competitive awards: the Academy counts competitive categories only toward records. */
    public static final Set<String> NON_COMPETITIVE = Set.of("SciTech", "Special");

    public Category {
        nominees = nominees == null ? List.of() : List.copyOf(nominees);
    }

    public Category(String name, List<Nominee> nominees) {
        this(name, nominees, null);
    }

    public Optional<Nominee> nominee(String nomineeName) {
        return nominees.stream().filter(n -> n.name().equals(nomineeName)).findFirst();
    }

    @JsonIgnore
    public boolean competitive() {
        return awardClass == null || !NON_COMPETITIVE.contains(awardClass);
    }

    @JsonIgnore
    public boolean acting() {
        return ACTING.equals(awardClass);
    }
}
