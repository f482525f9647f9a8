package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped 89th Academy Awards: the facts the demo and the pipeline test rest on. */
class AcademyAwards89DataTest {
    private static final CeremonyImport OSCARS = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89);
    private static final CeremonyDefinition DEFINITION = OSCARS.definition();

    @Test
    void readsTheCeremonyItself() {
        assertEquals("academy-awards-89", DEFINITION.id());
        assertEquals("academy-awards", DEFINITION.award());
        assertEquals("89th Academy Awards", DEFINITION.title());
        assertEquals(89, DEFINITION.edition());
        assertEquals(LocalDate.of(2017, 2, 26), DEFINITION.date());
        assertEquals("ABC", DEFINITION.broadcaster());
        assertEquals(OSCARS, CeremonyImportLoader.builtIn("academy-awards-89").orElseThrow());
    }

    @Test
    void hasAll24CategoriesWithEveryNominee() {
        assertEquals(24, DEFINITION.categories().size());
        assertEquals("Best Picture", DEFINITION.categories().get(0).name());
        assertEquals(9, DEFINITION.category("Best Picture").orElseThrow().nominees().size());
        assertEquals(3, DEFINITION.category("Best Makeup and Hairstyling").orElseThrow().nominees().size());
        assertEquals(9 + 3 + 22 * 5, DEFINITION.categories().stream().mapToInt(c -> c.nominees().size()).sum());
    }

    @Test
    void everyCategoryIsAnnouncedOnceInOrderExceptBestPictureWhichIsCorrected() {
        assertEquals(24, OSCARS.results().size());
        assertEquals(DEFINITION.categories().stream().map(Category::name).sorted().toList(),
                OSCARS.results().stream().map(AnnouncedWin::category).sorted().toList());
        AnnouncedWin first = OSCARS.results().get(0);
        assertEquals(new AnnouncedWin(1, "Best Supporting Actor", "Mahershala Ali", "20:51"), first);
        AnnouncedWin last = OSCARS.results().get(23);
        assertEquals(new AnnouncedWin(24, "Best Picture", "La La Land", "00:08"), last);
        assertEquals(1, OSCARS.corrections().size());
        AnnouncedCorrection fix = OSCARS.corrections().get(0);
        assertEquals(24, fix.afterOrder());
        assertEquals("La La Land", fix.announced());
        assertEquals("Moonlight", fix.correctTo());
        assertEquals("00:12", fix.approxTimeEt());
        List<ReplayStep> steps = OSCARS.steps();
        assertEquals(25, steps.size());
        assertEquals(ReplayStep.Kind.CORRECTION, steps.get(24).kind());
        assertEquals("academy-awards-89:correction:24", steps.get(24).eventId());
    }

    @Test
    void nominationsAndWinsPerFilmAfterTheCorrection() {
        Map<String, Integer> nominations = new HashMap<>();
        DEFINITION.categories().forEach(c -> c.nominees().forEach(n -> nominations.merge(n.work(), 1, Integer::sum)));
        Map<String, Integer> wins = new HashMap<>();
        finalWinners().forEach((category, nominee) -> wins.merge(work(category, nominee), 1, Integer::sum));
        assertEquals(14, nominations.get("La La Land"));
        assertEquals(6, wins.get("La La Land"));
        assertEquals(8, nominations.get("Moonlight"));
        assertEquals(3, wins.get("Moonlight"));
        assertEquals(8, nominations.get("Arrival"));
        assertEquals(1, wins.get("Arrival"));
        assertEquals(2, wins.get("Manchester by the Sea"));
        assertEquals(2, wins.get("Hacksaw Ridge"));
        assertEquals(6, nominations.get("Lion"));
        assertEquals(null, wins.get("Lion"));
        assertEquals(24, wins.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void theActingAndDirectingWinnersHaveBirthDates() {
        Map<String, LocalDate> expected = Map.of("Damien Chazelle", LocalDate.of(1985, 1, 19),
                "Casey Affleck", LocalDate.of(1975, 8, 12), "Emma Stone", LocalDate.of(1988, 11, 6),
                "Mahershala Ali", LocalDate.of(1974, 2, 16), "Viola Davis", LocalDate.of(1965, 8, 11));
        for (String category : List.of("Best Director", "Best Actor", "Best Actress", "Best Supporting Actor",
                "Best Supporting Actress")) {
            Nominee winner = nominee(category, finalWinners().get(category));
            Person person = winner.people().get(0);
            assertNotNull(person.birthDate(), category);
            assertEquals(expected.get(person.name()), person.birthDate(), category);
        }
    }

    @Test
    void everyNamedPersonIsSeparatedAndNoNomineeRepeats() {
        for (Category category : DEFINITION.categories()) {
            assertEquals(category.nominees().size(), category.nominees().stream().map(Nominee::name).distinct().count());
            category.nominees().forEach(n -> n.people().forEach(p -> assertTrue(!p.name().contains(";")
                    && !p.name().isBlank(), category.name() + ": " + p)));
        }
    }

    /** Category to its winner once corrections are applied. */
    private static Map<String, String> finalWinners() {
        Map<String, String> winners = new HashMap<>();
        OSCARS.results().forEach(w -> winners.put(w.category(), w.nominee()));
        OSCARS.corrections().forEach(c -> winners.put(c.category(), c.correctTo()));
        return winners;
    }

    private static Nominee nominee(String category, String name) {
        return DEFINITION.category(category).flatMap(c -> c.nominee(name)).orElseThrow();
    }

    private static String work(String category, String nominee) {
        return nominee(category, nominee).work();
    }
}
