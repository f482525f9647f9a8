package dev.awardsticker.contract.ceremony;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * A person credited on a nomination; the birth date is optional and feeds "youngest/oldest winner" alerts.
 *
 * @param id stable identity (an IMDb name id, {@code nm...}) when known: two people may share a name (two Steve
 *           McQueens were nominated), so a history is kept per id and the name is for display only
 */
public record Person(String name, LocalDate birthDate, @JsonInclude(JsonInclude.Include.NON_NULL) String id) {

    public Person(String name, LocalDate birthDate) {
        this(name, birthDate, null);
    }
}
