package dev.awardsticker.contract.ceremony;

import java.time.LocalDate;

/** A person credited on a nomination; the birth date is optional and feeds "youngest/oldest winner" alerts. */
public record Person(String name, LocalDate birthDate) {}
