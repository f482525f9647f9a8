package dev.awardsticker.streams;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;

import java.time.LocalDate;
import java.util.List;

/** A small made-up ceremony whose numbers are easy to follow in tests. */
final class TestCeremony {
    private TestCeremony() {}

    /** Alpha: 3 nominations; Beta: 4; Gamma: 1. Alice (Alpha's director) is 29 on the night. */
    static CeremonyDefinition definition(String id, String award) {
        return new CeremonyDefinition(id, award, "1st Test Awards", 1, LocalDate.of(2020, 1, 5), "TV1", List.of(
                new Category("Best Picture", List.of(
                        new Nominee("Alpha", "Alpha", List.of(), "Studio A"),
                        new Nominee("Beta", "Beta", List.of(), "Studio B"))),
                new Category("Best Director", List.of(
                        new Nominee("Alice", "Alpha", List.of(new Person("Alice", LocalDate.of(1990, 6, 1))), "Studio A"),
                        new Nominee("Bob", "Beta", List.of(new Person("Bob", LocalDate.of(1950, 1, 1))), "Studio B"))),
                new Category("Best Song", List.of(
                        new Nominee("Alpha Song", "Alpha", List.of(new Person("Cleo", null)), "Studio A"),
                        new Nominee("Beta Song", "Beta", List.of(new Person("Dan", null)), "Studio B"))),
                new Category("Best Actor", List.of(
                        new Nominee("Eve", "Beta", List.of(new Person("Eve", null)), "Studio B"),
                        new Nominee("Finn", "Gamma", List.of(new Person("Finn", null)), null)))));
    }

    /** Most wins by one work before this ceremony: 2. */
    static RecordReference mostWins(String award) {
        return new RecordReference(award, RecordReference.MOST_WINS, 2,
                List.of(new RecordHolder("Old Film", 1990, null)), "Test almanac");
    }

    /** Youngest Best Director before this ceremony: 30. */
    static RecordReference youngestDirector(String award) {
        return new RecordReference(award, RecordReference.youngestWinner("Best Director"), 30,
                List.of(new RecordHolder("Young Once", 1980, null)), "Test almanac");
    }
}
