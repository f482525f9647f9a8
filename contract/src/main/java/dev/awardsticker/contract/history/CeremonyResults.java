package dev.awardsticker.contract.history;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finished ceremony as history: its definition (with ids and classes) and its winners, by category (nominee
 * names). On the compacted {@code award-history} topic, key {@code award|ceremony id}, written by the derived app
 * once every category of the ceremony is decided (again after a late correction).
 */
public record CeremonyResults(CeremonyDefinition definition, Map<String, List<String>> winners) {
    public CeremonyResults {
        winners = winners == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(winners));
    }

    public static String key(String award, String ceremony) {
        return award + "|" + ceremony;
    }

    public String key() {
        return key(definition.award(), definition.id());
    }

    public List<String> winnersOf(String category) {
        return winners.getOrDefault(category, List.of());
    }
}
