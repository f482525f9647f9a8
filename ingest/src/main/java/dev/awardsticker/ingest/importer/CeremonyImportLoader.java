package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CeremonyImport} from a data folder, so another ceremony is added as data, not code. The folder
 * holds {@code ceremony.properties} (id, award, title, edition, date, broadcaster, and the names of the files
 * below) and three csv files:
 * <ul>
 *   <li>nominees: {@code category,nominee,work,people,studio_or_network,won}, categories in display order,
 *       people separated by {@code ;}, {@code won} true or false;</li>
 *   <li>people (optional): {@code person,birth_date} (ISO dates; people not listed have no birth date);</li>
 *   <li>order (optional, needed for results): {@code order,category,approx_time_et,...} placing every category
 *       exactly once.</li>
 * </ul>
 * A category without a winner marked is left out of the results (a ceremony not yet held has none).
 */
public final class CeremonyImportLoader {
    public static final String GOLDEN_GLOBES_74 = "ceremonies/golden-globes-74";
    public static final String SETTINGS = "ceremony.properties";

    private CeremonyImportLoader() {}

    public static CeremonyImport fromClasspath(String folder) {
        return load(DataFolder.classpath(folder));
    }

    public static CeremonyImport fromDirectory(Path folder) {
        return load(DataFolder.directory(folder));
    }

    public static CeremonyImport load(DataFolder folder) {
        Settings settings = Settings.read(folder, SETTINGS);
        String peopleFile = settings.optional("people");
        Map<String, LocalDate> births = peopleFile == null ? Map.of() : births(Csv.read(folder, peopleFile));

        Map<String, List<Nominee>> nomineesByCategory = new LinkedHashMap<>();
        Map<String, List<String>> winnersByCategory = new HashMap<>();
        for (Csv.Row row : Csv.read(folder, settings.required("nominees"))) {
            String category = row.required("category");
            Nominee nominee = new Nominee(row.required("nominee"), row.optional("work"),
                    people(row.get("people"), births), row.optional("studio_or_network"));
            List<Nominee> nominees = nomineesByCategory.computeIfAbsent(category, c -> new ArrayList<>());
            if (nominees.stream().anyMatch(n -> n.name().equals(nominee.name()))) {
                throw row.problem("repeats nominee '" + nominee.name() + "' of " + category);
            }
            nominees.add(nominee);
            if (won(row)) {
                winnersByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(nominee.name());
            }
        }
        List<Category> categories = nomineesByCategory.entrySet().stream()
                .map(e -> new Category(e.getKey(), e.getValue())).toList();
        CeremonyDefinition definition = new CeremonyDefinition(settings.required("id"), settings.required("award"),
                settings.required("title"), settings.number("edition"), date(settings, "date"),
                settings.optional("broadcaster"), categories);

        String orderFile = settings.optional("order");
        List<AnnouncedWin> results = orderFile == null ? List.of()
                : results(folder.describe(orderFile), Csv.read(folder, orderFile), nomineesByCategory.keySet().stream().toList(),
                        winnersByCategory);
        return new CeremonyImport(definition, results);
    }

    private static Map<String, LocalDate> births(List<Csv.Row> rows) {
        Map<String, LocalDate> births = new HashMap<>();
        for (Csv.Row row : rows) {
            String birth = row.optional("birth_date");
            if (birth != null) {
                try {
                    births.put(row.required("person"), LocalDate.parse(birth));
                } catch (DateTimeParseException e) {
                    throw row.problem("has birth_date '" + birth + "', not a YYYY-MM-DD date");
                }
            }
        }
        return births;
    }

    private static List<Person> people(String names, Map<String, LocalDate> births) {
        return Arrays.stream(names.split(";")).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> new Person(name, births.get(name))).toList();
    }

    private static boolean won(Csv.Row row) {
        String won = row.required("won");
        if (!won.equals("true") && !won.equals("false")) {
            throw row.problem("has won '" + won + "': write true or false");
        }
        return won.equals("true");
    }

    private static LocalDate date(Settings settings, String key) {
        String value = settings.required(key);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(settings.file() + ": '" + key + "' must be a YYYY-MM-DD date, not '"
                    + value + "'");
        }
    }

    /** Winners in the order's sequence; the order must place every category once, numbered 1..n. */
    private static List<AnnouncedWin> results(String file, List<Csv.Row> order, List<String> categories,
                                              Map<String, List<String>> winnersByCategory) {
        List<Csv.Row> sorted = order.stream().sorted(Comparator.comparingInt(CeremonyImportLoader::position)).toList();
        List<String> placed = new ArrayList<>();
        List<AnnouncedWin> results = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Csv.Row row = sorted.get(i);
            if (position(row) != i + 1) {
                throw row.problem("has order " + position(row) + " where " + (i + 1) + " was expected: number the"
                        + " announcements 1.." + sorted.size() + " without gaps or repeats");
            }
            String category = row.required("category");
            if (!categories.contains(category)) {
                throw row.problem("places '" + category + "', which is not a category of the nominees file");
            }
            if (placed.contains(category)) {
                throw row.problem("places '" + category + "' a second time");
            }
            placed.add(category);
            for (String winner : winnersByCategory.getOrDefault(category, List.of())) {
                results.add(new AnnouncedWin(results.size() + 1, category, winner, row.optional("approx_time_et")));
            }
        }
        List<String> missing = categories.stream().filter(c -> !placed.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + " does not place " + missing + ": every category needs its"
                    + " place in the announcement order");
        }
        return results;
    }

    private static int position(Csv.Row row) {
        String order = row.required("order");
        try {
            return Integer.parseInt(order);
        } catch (NumberFormatException e) {
            throw row.problem("has order '" + order + "', not a whole number");
        }
    }
}
