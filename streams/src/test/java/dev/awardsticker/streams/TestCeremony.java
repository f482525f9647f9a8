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

    /**
     * A small made-up cut of the 89th Academy Awards (Feb 26, 2017): 9 categories, of which La La Land wins 6 and
     * Moonlight 2 before Best Picture is read out wrongly for La La Land and corrected to Moonlight. Birth dates
     * are real (Damien Chazelle 1985-01-19, Barry Jenkins 1979-11-19); the category list and studios are trimmed.
     * La La Land has 7 nominations here (14 in reality), so a wrong 7th win makes it a "perfect night".
     */
    static CeremonyDefinition oscars89(String id, String award) {
        return new CeremonyDefinition(id, award, "89th Academy Awards", 89, LocalDate.of(2017, 2, 26), "ABC", List.of(
                new Category("Best Picture", List.of(
                        new Nominee("La La Land", "La La Land", List.of(), "Lionsgate"),
                        new Nominee("Moonlight", "Moonlight", List.of(), "A24"))),
                new Category("Best Director", List.of(
                        new Nominee("Damien Chazelle", "La La Land",
                                List.of(new Person("Damien Chazelle", LocalDate.of(1985, 1, 19))), "Lionsgate"),
                        new Nominee("Barry Jenkins", "Moonlight",
                                List.of(new Person("Barry Jenkins", LocalDate.of(1979, 11, 19))), "A24"))),
                new Category("Best Actress", List.of(
                        new Nominee("Emma Stone", "La La Land", List.of(new Person("Emma Stone", null)), "Lionsgate"),
                        new Nominee("Natalie Portman", "Jackie", List.of(new Person("Natalie Portman", null)), "Fox Searchlight"))),
                new Category("Best Cinematography", List.of(
                        new Nominee("La La Land", "La La Land", List.of(), "Lionsgate"),
                        new Nominee("Moonlight", "Moonlight", List.of(), "A24"))),
                new Category("Best Original Score", List.of(
                        new Nominee("La La Land", "La La Land", List.of(), "Lionsgate"),
                        new Nominee("Moonlight", "Moonlight", List.of(), "A24"))),
                new Category("Best Original Song", List.of(
                        new Nominee("City of Stars", "La La Land", List.of(), "Lionsgate"),
                        new Nominee("How Far I'll Go", "Moana", List.of(), "Disney"))),
                new Category("Best Production Design", List.of(
                        new Nominee("La La Land", "La La Land", List.of(), "Lionsgate"),
                        new Nominee("Arrival", "Arrival", List.of(), "Paramount"))),
                new Category("Best Supporting Actor", List.of(
                        new Nominee("Mahershala Ali", "Moonlight", List.of(new Person("Mahershala Ali", null)), "A24"),
                        new Nominee("Dev Patel", "Lion", List.of(new Person("Dev Patel", null)), "Weinstein"))),
                new Category("Best Adapted Screenplay", List.of(
                        new Nominee("Moonlight", "Moonlight", List.of(), "A24"),
                        new Nominee("Arrival", "Arrival", List.of(), "Paramount")))));
    }

    /**
     * Youngest Best Director before 2017: Norman Taurog, 32 years 260 days (11,947 days: born 1899-02-23, 4th
     * Academy Awards on 1931-11-10). {@code ageDays} null gives the same record known only in whole years.
     */
    static RecordReference taurog(String award, Integer ageDays) {
        return new RecordReference(award, RecordReference.youngestWinner("Best Director"), 32,
                List.of(new RecordHolder("Norman Taurog", 1931, null, ageDays)), "Test almanac");
    }
}
