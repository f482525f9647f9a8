package dev.awardsticker.contract.ceremony;

import java.util.List;
import java.util.Optional;

public record Category(String name, List<Nominee> nominees) {
    public Category {
        nominees = nominees == null ? List.of() : List.copyOf(nominees);
    }

    public Optional<Nominee> nominee(String nomineeName) {
        return nominees.stream().filter(n -> n.name().equals(nomineeName)).findFirst();
    }
}
