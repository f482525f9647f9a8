package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CeremonyImportLoaderTest {
    private static final CeremonyImport GG74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
    private static final CeremonyDefinition DEFINITION = GG74.definition();

    @Test
    void readsTheCeremonyItself() {
        assertEquals("golden-globes-74", DEFINITION.id());
        assertEquals("golden-globes", DEFINITION.award());
        assertEquals("74th Golden Globe Awards", DEFINITION.title());
        assertEquals(74, DEFINITION.edition());
        assertEquals(LocalDate.of(2017, 1, 8), DEFINITION.date());
        assertEquals("NBC", DEFINITION.broadcaster());
    }

    @Test
    void hasAll26CategoriesInTheCsvsOrder() {
        assertEquals(26, DEFINITION.categories().size());
        assertEquals("Best Motion Picture – Drama", DEFINITION.categories().get(0).name());
        assertEquals("Cecil B. DeMille Award", DEFINITION.categories().get(25).name());
        assertEquals(127, DEFINITION.categories().stream().mapToInt(c -> c.nominees().size()).sum());
    }

    @Test
    void laLaLandHasSevenNominationsAndWinsAllSeven() {
        List<String> nominated = DEFINITION.categories().stream()
                .filter(c -> c.nominees().stream().anyMatch(n -> "La La Land".equals(n.work())))
                .map(Category::name).toList();
        assertEquals(7, nominated.size(), nominated.toString());
        List<String> won = GG74.results().stream().filter(w -> isLaLaLand(w)).map(AnnouncedWin::category).toList();
        assertEquals(nominated.stream().sorted().toList(), won.stream().sorted().toList());
    }

    @Test
    void peopleHaveBirthDatesWhereKnown() {
        Nominee chazelle = DEFINITION.category("Best Director").orElseThrow().nominee("Damien Chazelle").orElseThrow();
        assertEquals(List.of(new Person("Damien Chazelle", LocalDate.of(1985, 1, 19))), chazelle.people());
        assertEquals("La La Land", chazelle.work());
        assertEquals("Lionsgate", chazelle.studio());
        Nominee song = DEFINITION.category("Best Original Song").orElseThrow().nominee("City of Stars").orElseThrow();
        assertEquals(List.of(new Person("Justin Hurwitz", LocalDate.of(1985, 1, 22)),
                new Person("Benj Pasek", LocalDate.of(1985, 6, 9)),
                new Person("Justin Paul", null)), song.people());
    }

    @Test
    void filmsWithoutPeopleHaveNone() {
        Nominee moonlight = DEFINITION.category("Best Motion Picture – Drama").orElseThrow()
                .nominee("Moonlight").orElseThrow();
        assertEquals(List.of(), moonlight.people());
        assertEquals("A24", moonlight.studio());
    }

    @Test
    void theDeMilleAwardIsACategoryWithOneNominee() {
        Category demille = DEFINITION.category("Cecil B. DeMille Award").orElseThrow();
        assertEquals(1, demille.nominees().size());
        Nominee streep = demille.nominees().get(0);
        assertEquals("Meryl Streep", streep.name());
        assertNull(streep.work());
        assertNull(streep.studio());
        assertEquals(List.of(new Person("Meryl Streep", null)), streep.people());
    }

    @Test
    void everyCategoryHasExactlyOneWinnerInResults() {
        Map<String, Long> winsPerCategory = GG74.results().stream()
                .collect(Collectors.groupingBy(AnnouncedWin::category, Collectors.counting()));
        assertEquals(26, winsPerCategory.size());
        assertTrue(winsPerCategory.values().stream().allMatch(n -> n == 1), winsPerCategory.toString());
        for (AnnouncedWin win : GG74.results()) {
            assertTrue(DEFINITION.category(win.category()).orElseThrow().nominee(win.nominee()).isPresent(),
                    win.toString());
        }
    }

    @Test
    void resultsAreNumberedInAnnouncementOrder() {
        assertEquals(IntStream.rangeClosed(1, 26).boxed().toList(),
                GG74.results().stream().map(AnnouncedWin::order).toList());
        assertEquals(new AnnouncedWin(1, "Best Supporting Actor – Motion Picture", "Aaron Taylor-Johnson", "20:12"),
                GG74.results().get(0));
        assertEquals(new AnnouncedWin(26, "Best Motion Picture – Drama", "Moonlight", "23:02"), GG74.results().get(25));
        assertNull(GG74.results().get(7).approxTimeEt());
    }

    @Test
    void laLaLandTiesTheRecordAt22AndBreaksItAt23() {
        List<Integer> laLaLandOrders = GG74.results().stream().filter(CeremonyImportLoaderTest::isLaLaLand)
                .map(AnnouncedWin::order).toList();
        assertEquals(22, laLaLandOrders.get(5));
        assertEquals(23, laLaLandOrders.get(6));
    }

    /** The relative constraints stated on the first line of the sourced, partial order file. */
    @ParameterizedTest(name = "{0} before {1}")
    @CsvSource(delimiter = '|', value = {
            "Best Television Series – Musical or Comedy | Best Actor – Television Series Musical or Comedy",
            "Best Supporting Actress – Motion Picture | Best Original Song",
            "Best Original Score | Best Original Song",
            "Best Foreign Language Film | Best Actor – Miniseries or Television Film",
            "Best Actress – Television Series Drama | Best Actor – Miniseries or Television Film",
            "Best Television Series – Drama | Best Actor – Miniseries or Television Film",
            "Best Supporting Actress – Motion Picture | Cecil B. DeMille Award",
            "Best Supporting Actor – Series, Miniseries or Television Film | Cecil B. DeMille Award"})
    void theCompletedOrderKeepsTheSourcedConstraints(String earlier, String later) {
        assertTrue(order(earlier) < order(later), earlier + " at " + order(earlier) + ", " + later + " at " + order(later));
    }

    @Test
    void theCompletedOrderKeepsEverySourcedPosition() {
        List<Csv.Row> sourced = Csv.read(DataFolder.classpath(CeremonyImportLoader.GOLDEN_GLOBES_74),
                "golden-globes-74-order.csv");
        assertEquals(12, sourced.size());
        for (Csv.Row row : sourced) {
            assertEquals(Integer.parseInt(row.get("order")), order(row.get("category")), row.toString());
        }
    }

    @Test
    void loadsAnyFolderWithTheLayout(@TempDir Path folder) throws IOException {
        write(folder, "ceremony.properties", """
                id=test-awards-1
                award=test-awards
                title=1st Test Awards
                edition=1
                date=2024-03-01
                nominees=n.csv
                order=o.csv
                """);
        write(folder, "n.csv", """
                category,nominee,work,people,studio_or_network,won
                Best Film,"Film, The",,,,true
                Best Film,Other,Other,A;B,Studio,false
                Best Song,Song,Film,C,,true
                Best Song,Song Two,Film,D,,true
                """);
        write(folder, "o.csv", """
                order,category,approx_time_et
                2,Best Film,21:00
                1,Best Song,
                """);
        CeremonyImport loaded = CeremonyImportLoader.fromDirectory(folder);
        assertNull(loaded.definition().broadcaster());
        assertEquals("Film, The", loaded.definition().categories().get(0).nominees().get(0).name());
        assertEquals(List.of(new Person("A", null), new Person("B", null)),
                loaded.definition().categories().get(0).nominees().get(1).people());
        // A tie: both winners of Best Song, numbered one after the other.
        assertEquals(List.of(new AnnouncedWin(1, "Best Song", "Song", null),
                new AnnouncedWin(2, "Best Song", "Song Two", null),
                new AnnouncedWin(3, "Best Film", "Film, The", "21:00")), loaded.results());
    }

    @Test
    void anIncompleteOrderIsRefusedNamingWhatIsMissing(@TempDir Path folder) throws IOException {
        write(folder, "ceremony.properties", """
                id=x
                award=x
                title=X
                edition=1
                date=2024-03-01
                nominees=n.csv
                order=o.csv
                """);
        write(folder, "n.csv", "category,nominee,work,people,studio_or_network,won\nA,a,,,,true\nB,b,,,,true\n");
        write(folder, "o.csv", "# partial\norder,category,approx_time_et\n1,A,\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CeremonyImportLoader.fromDirectory(folder));
        assertTrue(e.getMessage().endsWith("o.csv does not place [B]: every category needs its place in the"
                + " announcement order"), e.getMessage());
    }

    private static int order(String category) {
        return GG74.results().stream().filter(w -> w.category().equals(category)).findFirst().orElseThrow().order();
    }

    private static boolean isLaLaLand(AnnouncedWin win) {
        return "La La Land".equals(DEFINITION.category(win.category()).orElseThrow()
                .nominee(win.nominee()).orElseThrow().work());
    }

    private static void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }
}
