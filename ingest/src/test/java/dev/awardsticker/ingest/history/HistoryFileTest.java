package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped history read as ceremonies, checked against its README and its own lines. */
class HistoryFileTest {
    static final Path FOLDER = Path.of("src/main/resources/history/academy-awards");
    static final List<HistoryFile.HistoryCeremony> HISTORY = HistoryFile.shipped("academy-awards");

    @Test
    void everyNominationOfEveryCeremonyAsTheReadmeCountsThem() throws IOException {
        String readme = Files.readString(FOLDER.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher stated = Pattern.compile("(\\d{1,2},\\d{3}) nominations").matcher(readme);
        assertTrue(stated.find(), "the README states the number of nominations");
        int nominations = Integer.parseInt(stated.group(1).replace(",", ""));
        assertEquals(nominations, HISTORY.stream().mapToInt(HistoryFile.HistoryCeremony::nominations).sum());
        assertEquals(nominations, HISTORY.stream().flatMap(c -> c.definition().categories().stream())
                .mapToInt(c -> c.nominees().size()).sum());
        Matcher last = Pattern.compile("to the (\\d+)th \\(").matcher(readme);
        assertTrue(last.find());
        assertEquals(Integer.parseInt(last.group(1)), HISTORY.size());
        List<String> lines = Files.readAllLines(FOLDER.resolve("nominations.tsv"), StandardCharsets.UTF_8);
        long winners = lines.stream().skip(1).filter(l -> l.split("\t", -1)[10].equals("True")).count();
        assertEquals(winners, HISTORY.stream().mapToInt(c -> c.wins().size()).sum());
        assertTrue(Files.exists(FOLDER.resolve("LICENSE")), "the BSD licence travels with the data");
    }

    @Test
    void importingAgainSendsTheSameCommands() {
        List<HistoryPlan.Step> once = HistoryPlan.of(HISTORY, 5, 1);
        List<HistoryPlan.Step> twice = HistoryPlan.of(HISTORY, 5, 2);
        assertEquals(once.stream().map(s -> s.command().eventId()).toList(),
                twice.stream().map(s -> s.command().eventId()).toList());
        assertEquals(once.get(4).command(), twice.get(4).command().withIngestedAt(once.get(4).command().ingestedAt()));
        Set<String> ids = new HashSet<>();
        HistoryPlan.of(HISTORY, Integer.MAX_VALUE, 0).forEach(s -> assertTrue(ids.add(s.command().eventId())));
        assertEquals(HISTORY.size(), ids.size());
    }

    /** Every id the shipped 89th gives a film or person is the one the history file gives it at the 89th. */
    @Test
    void the89thsIdsAreTheHistorys() throws IOException {
        Set<String> ids89 = new HashSet<>();
        for (String line : Files.readAllLines(FOLDER.resolve("nominations.tsv"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t", -1);
            if (cells[0].equals("89")) {
                ids89.addAll(List.of(cells[6].split("\\|")));
                ids89.addAll(List.of(cells[9].split("\\|")));
            }
        }
        CeremonyImport shipped = CeremonyImportLoader.builtIn("academy-awards-89").orElseThrow();
        int checked = 0;
        for (Category category : shipped.definition().categories()) {
            for (Nominee nominee : category.nominees()) {
                for (String id : nominee.workIds()) {
                    assertTrue(ids89.contains(id), nominee + " has " + id);
                    checked++;
                }
                for (Person person : nominee.people()) {
                    assertTrue(person.id() != null && ids89.contains(person.id()), person.toString());
                    checked++;
                }
            }
        }
        assertTrue(checked > 200, "ids checked: " + checked);
        assertTrue(shipped.definition().category("Best Actress").orElseThrow().acting());
    }
}
