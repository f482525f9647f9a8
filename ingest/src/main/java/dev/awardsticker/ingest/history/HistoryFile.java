package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.ingest.importer.DataFolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * An award's whole history from one tab-separated file, one nomination a line (the columns of
 * {@code history/academy-awards/README.md}: Ceremony, Year, Class, CanonicalCategory, Category, Film, FilmId,
 * Name, Nominees, NomineeIds, Winner, Detail), as ceremonies: one definition per ceremony, with the ids of its
 * films, people and companies, and its winners in the file's order.
 *
 * <p>A nominee's display name is the file's {@code Name} (else its films, else its nominees); a name repeated in
 * one category gets its film in brackets, then a number, since a nominee is named uniquely within its category
 * (Frank Lloyd had three films in one category at the 2nd ceremony). Identity is the id: names are for display.
 */
public final class HistoryFile {
    public static final String FOLDER = "history";
    public static final String SETTINGS = "history.properties";
    static final List<String> COLUMNS = List.of("Ceremony", "Year", "Class", "CanonicalCategory", "Category", "Film",
            "FilmId", "Name", "Nominees", "NomineeIds", "Winner", "Detail");

    /**
     * One ceremony as imported: its results and its winners in announcement order (the file's), as the import's
     * command carries them ({@code tie}: a second winner of the category; ties happen: Best Actor at the 5th).
     */
    public record HistoryCeremony(CeremonyResults results, List<CeremonyImported.Win> wins, int nominations) {
        public CeremonyDefinition definition() {
            return results.definition();
        }

        /** The same ceremony under another award family ({@code <award>-<edition>}): tests sharing a broker. */
        public HistoryCeremony withAward(String award) {
            CeremonyDefinition d = definition();
            return new HistoryCeremony(new CeremonyResults(new CeremonyDefinition(award + "-" + d.edition(), award,
                    d.title(), d.edition(), d.date(), d.broadcaster(), d.categories()), results.winners()), wins,
                    nominations);
        }
    }

    private HistoryFile() {}

    /** The shipped history of {@code award} ({@code history/<award>/} on the classpath). */
    public static List<HistoryCeremony> shipped(String award) {
        return load(DataFolder.classpath(FOLDER + "/" + award));
    }

    public static List<HistoryCeremony> fromDirectory(Path folder) {
        return load(DataFolder.directory(folder));
    }

    public static List<HistoryCeremony> load(DataFolder folder) {
        Properties settings = folder.properties(SETTINGS);
        String award = required(folder, settings, "award");
        String title = required(folder, settings, "title");
        String file = required(folder, settings, "file");
        List<String[]> rows = read(folder, file);
        Map<String, String> names = names(rows);
        Map<Integer, List<String[]>> byCeremony = new TreeMap<>();
        for (String[] row : rows) {
            byCeremony.computeIfAbsent(edition(folder, file, row), e -> new ArrayList<>()).add(row);
        }
        List<HistoryCeremony> ceremonies = new ArrayList<>();
        byCeremony.forEach((edition, ceremonyRows) -> ceremonies.add(ceremony(award, title, edition, ceremonyRows,
                names)));
        return List.copyOf(ceremonies);
    }

    private static HistoryCeremony ceremony(String award, String title, int edition, List<String[]> rows,
                                            Map<String, String> names) {
        Map<String, List<Nominee>> nominees = new LinkedHashMap<>();
        Map<String, String> classes = new HashMap<>();
        Map<String, List<String>> winners = new LinkedHashMap<>();
        List<CeremonyImported.Win> wins = new ArrayList<>();
        for (String[] row : rows) {
            String category = row[4];
            classes.putIfAbsent(category, row[2]);
            List<Nominee> inCategory = nominees.computeIfAbsent(category, c -> new ArrayList<>());
            Nominee nominee = nominee(row, names, inCategory);
            inCategory.add(nominee);
            if ("True".equals(row[10])) {
                List<String> won = winners.computeIfAbsent(category, c -> new ArrayList<>());
                wins.add(new CeremonyImported.Win(category, nominee.name(), !won.isEmpty()));
                won.add(nominee.name());
            }
        }
        List<Category> categories = nominees.entrySet().stream()
                .map(e -> new Category(e.getKey(), e.getValue(), classes.get(e.getKey()))).toList();
        CeremonyDefinition definition = new CeremonyDefinition(award + "-" + edition, award,
                HistoryLedger.ordinal(edition) + " " + title, edition, null, null, categories);
        return new HistoryCeremony(new CeremonyResults(definition, winners), List.copyOf(wins), rows.size());
    }

    private static Nominee nominee(String[] row, Map<String, String> names, List<Nominee> others) {
        List<String> films = split(row[5]);
        List<String> filmIds = split(row[6]).stream().filter(HistoryFile::known).toList();
        String work = String.join(" / ", films);
        List<Person> people = new ArrayList<>();
        String studio = null;
        String studioId = null;
        List<String> ids = split(row[9]);
        List<String> nomineeNames = split(row[8]);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String name = nomineeNames.size() == ids.size() ? nomineeNames.get(i) : names.getOrDefault(id, id);
            if (id.startsWith("nm") && people.stream().noneMatch(p -> p.id().equals(id))) {
                people.add(new Person(name, null, id));
            } else if (id.startsWith("co") && studioId == null) {
                // A few nominations name two companies; the first is the studio, as a nominee has one.
                studio = name;
                studioId = id;
            }
        }
        String name = !row[7].isBlank() ? row[7] : !work.isBlank() ? work : !row[8].isBlank()
                ? String.join(", ", nomineeNames) : "(unnamed)";
        Set<String> taken = new HashSet<>();
        others.forEach(n -> taken.add(n.name()));
        if (taken.contains(name) && !work.isBlank()) {
            name = name + " (" + work + ")";
        }
        String unique = name;
        for (int k = 2; taken.contains(unique); k++) {
            unique = name + " #" + k;
        }
        return new Nominee(unique, work.isBlank() ? null : work, people, studio, filmIds, studioId);
    }

    /** The name of every id wherever a line pairs names and ids one to one, for lines that do not. */
    private static Map<String, String> names(List<String[]> rows) {
        Map<String, String> names = new HashMap<>();
        for (String[] row : rows) {
            List<String> ids = split(row[9]);
            List<String> nominees = split(row[8]);
            if (ids.size() == nominees.size()) {
                for (int i = 0; i < ids.size(); i++) {
                    names.putIfAbsent(ids.get(i), nominees.get(i));
                }
            }
        }
        return names;
    }

    private static List<String[]> read(DataFolder folder, String file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(folder.open(file))) {
            String header = reader.readLine();
            if (header != null && header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            if (header == null || !Arrays.asList(header.split("\t", -1)).equals(COLUMNS)) {
                throw new IllegalStateException(folder.describe(file) + " line 1 must be the header "
                        + String.join("<tab>", COLUMNS) + ", not " + header);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != COLUMNS.size()) {
                    throw new IllegalStateException(folder.describe(file) + " line " + number + " has " + cells.length
                            + " tab-separated columns, not " + COLUMNS.size());
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + folder.describe(file), e);
        }
        return rows;
    }

    private static int edition(DataFolder folder, String file, String[] row) {
        try {
            return Integer.parseInt(row[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(folder.describe(file) + ": Ceremony '" + row[0]
                    + "' is not a whole number (the ceremony's ordinal, 1 for the first)");
        }
    }

    private static List<String> split(String cell) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split("\\|")).map(String::strip).toList();
    }

    private static boolean known(String id) {
        return !id.isEmpty() && !id.equals("?");
    }

    private static String required(DataFolder folder, Properties settings, String key) {
        String value = settings.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(folder.describe(SETTINGS) + " needs '" + key + "'");
        }
        return value.strip();
    }
}
