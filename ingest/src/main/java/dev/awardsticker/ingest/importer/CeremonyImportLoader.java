package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;

import java.io.IOException;
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
import java.util.Optional;

/**
 * Builds a {@link CeremonyImport} from a data folder, so another ceremony is added as data, not code. The folder
 * holds {@code ceremony.properties} (id, award, title, edition, date, broadcaster, and the names of the files
 * below) and three csv files:
 * <ul>
 *   <li>nominees: {@code category,nominee,work,people,studio_or_network,won}, categories in display order,
 *       people separated by {@code ;}, {@code won} true or false;</li>
 *   <li>people (optional): {@code person,birth_date} (ISO dates; people not listed have no birth date);</li>
 *   <li>order (optional, needed for results): {@code order,category,approx_time_et,...} placing every category
 *       exactly once;</li>
 *   <li>corrections (optional): {@code category,announced,corrected_to,approx_time_et,reason,...}, one row per
 *       announcement corrected during the show. The nominees file marks the true winner ({@code corrected_to});
 *       the results then announce {@code announced} at the category's place and the correction follows it.</li>
 * </ul>
 * A category without a winner marked is left out of the results (a ceremony not yet held has none).
 */
public final class CeremonyImportLoader {
    public static final String GOLDEN_GLOBES_74 = "ceremonies/golden-globes-74";
    public static final String ACADEMY_AWARDS_89 = "ceremonies/academy-awards-89";
    /** Ceremonies shipped in the jar, by id: {@code ceremonies/<id>} on the classpath. */
    public static final List<String> BUILT_IN = List.of("golden-globes-74", "academy-awards-89");
    public static final String SETTINGS = "ceremony.properties";

    private CeremonyImportLoader() {}

    public static CeremonyImport fromClasspath(String folder) {
        return load(DataFolder.classpath(folder));
    }

    public static CeremonyImport fromDirectory(Path folder) {
        return load(DataFolder.directory(folder));
    }

    /** A built-in ceremony by id, e.g. {@code academy-awards-89}; empty when none ships under that id. */
    public static Optional<CeremonyImport> builtIn(String id) {
        return BUILT_IN.contains(id) ? Optional.of(fromClasspath("ceremonies/" + id)) : Optional.empty();
    }

    /**
     * A ceremony from one JSON file: a {@link CeremonyImport} ({@code definition}, {@code results},
     * {@code corrections}; example: {@code docs/examples/golden-globes-74.json}). Checked like the csv layout:
     * every result and correction must name a defined category and nominee, results numbered 1..n.
     */
    public static CeremonyImport fromJson(Path file) {
        CeremonyImport ceremony;
        try {
            ceremony = Json.MAPPER.readValue(file.toFile(), CeremonyImport.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not a ceremony JSON file (definition, results, corrections): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return checked(file.toString(), ceremony);
    }

    /** Fails naming {@code source} when a result or correction doesn't fit the definition. */
    static CeremonyImport checked(String source, CeremonyImport ceremony) {
        CeremonyDefinition d = ceremony.definition();
        if (d == null || d.id() == null || d.id().isBlank() || d.categories() == null || d.categories().isEmpty()) {
            throw new IllegalStateException(source + " needs a definition with an id and categories");
        }
        for (int i = 0; i < ceremony.results().size(); i++) {
            AnnouncedWin win = ceremony.results().get(i);
            if (win.order() != i + 1) {
                throw new IllegalStateException(source + ": result " + (i + 1) + " has order " + win.order()
                        + ": number the results 1.." + ceremony.results().size() + " in announcement order");
            }
            nominee(source, d, win.category(), win.nominee(), "result " + win.order());
        }
        for (AnnouncedCorrection c : ceremony.corrections()) {
            String what = "the correction of " + c.category();
            AnnouncedWin corrected = c.afterOrder() < 1 || c.afterOrder() > ceremony.results().size() ? null
                    : ceremony.results().get(c.afterOrder() - 1);
            if (corrected == null || !corrected.category().equals(c.category())
                    || !corrected.nominee().equals(c.announced())) {
                throw new IllegalStateException(source + ": " + what + " follows result " + c.afterOrder()
                        + ", which is not the announcement of " + c.announced() + " for " + c.category());
            }
            nominee(source, d, c.category(), c.correctTo(), what);
        }
        return ceremony;
    }

    private static void nominee(String source, CeremonyDefinition d, String category, String nominee, String what) {
        Category found = d.category(category).orElseThrow(() -> new IllegalStateException(source + ": " + what
                + " names category '" + category + "', which the definition does not have"));
        if (found.nominee(nominee).isEmpty()) {
            throw new IllegalStateException(source + ": " + what + " names '" + nominee + "', not a nominee of "
                    + category);
        }
    }

    public static CeremonyImport load(DataFolder folder) {
        Settings settings = Settings.read(folder, SETTINGS);
        String peopleFile = settings.optional("people");
        Map<String, LocalDate> births = peopleFile == null ? Map.of() : births(Csv.read(folder, peopleFile));
        String idsFile = settings.optional("ids");
        Map<String, String> ids = idsFile == null ? Map.of() : ids(Csv.read(folder, idsFile));
        Map<String, String> classes = classes(settings);

        Map<String, List<Nominee>> nomineesByCategory = new LinkedHashMap<>();
        Map<String, List<String>> winnersByCategory = new HashMap<>();
        for (Csv.Row row : Csv.read(folder, settings.required("nominees"))) {
            String category = row.required("category");
            String work = row.optional("work");
            String workId = work == null ? null : ids.get("work|" + work);
            Nominee nominee = new Nominee(row.required("nominee"), work, people(row.get("people"), births, ids),
                    row.optional("studio_or_network"), workId == null ? List.of() : List.of(workId), null);
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
                .map(e -> new Category(e.getKey(), e.getValue(), classes.get(e.getKey()))).toList();
        List<String> unknown = classes.keySet().stream().filter(c -> !nomineesByCategory.containsKey(c)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(settings.file() + " gives a class to " + unknown + ", not categories of"
                    + " the nominees file");
        }
        CeremonyDefinition definition = new CeremonyDefinition(settings.required("id"), settings.required("award"),
                settings.required("title"), settings.number("edition"), date(settings, "date"),
                settings.optional("broadcaster"), categories);

        String correctionsFile = settings.optional("corrections");
        Map<String, Csv.Row> corrections = correctionsFile == null ? Map.of()
                : corrections(Csv.read(folder, correctionsFile), nomineesByCategory, winnersByCategory);
        String orderFile = settings.optional("order");
        if (orderFile == null && !corrections.isEmpty()) {
            throw new IllegalStateException(settings.file() + " names corrections but no order: a correction follows"
                    + " its announcement in the order");
        }
        List<AnnouncedCorrection> announcedCorrections = new ArrayList<>();
        List<AnnouncedWin> results = orderFile == null ? List.of()
                : results(folder.describe(orderFile), Csv.read(folder, orderFile), nomineesByCategory.keySet().stream().toList(),
                        winnersByCategory, corrections, announcedCorrections);
        return new CeremonyImport(definition, results, announcedCorrections);
    }

    /** The corrections by category, each naming a nominee announced by mistake and the category's marked winner. */
    private static Map<String, Csv.Row> corrections(List<Csv.Row> rows, Map<String, List<Nominee>> nominees,
                                                    Map<String, List<String>> winners) {
        Map<String, Csv.Row> byCategory = new LinkedHashMap<>();
        for (Csv.Row row : rows) {
            String category = row.required("category");
            if (!nominees.containsKey(category)) {
                throw row.problem("corrects '" + category + "', which is not a category of the nominees file");
            }
            String announced = row.required("announced");
            String correctedTo = row.required("corrected_to");
            if (nominees.get(category).stream().noneMatch(n -> n.name().equals(announced))) {
                throw row.problem("says '" + announced + "' was announced, but it is not a nominee of " + category);
            }
            List<String> won = winners.getOrDefault(category, List.of());
            if (won.contains(announced)) {
                throw row.problem("corrects '" + announced + "', which the nominees file marks as a winner of "
                        + category + ": mark the true winner won=true and the mistaken one false");
            }
            if (!won.contains(correctedTo)) {
                throw row.problem("corrects to '" + correctedTo + "', which the nominees file does not mark as the"
                        + " winner of " + category);
            }
            if (byCategory.put(category, row) != null) {
                throw row.problem("corrects " + category + " a second time: one correction per category");
            }
        }
        return byCategory;
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

    private static List<Person> people(String names, Map<String, LocalDate> births, Map<String, String> ids) {
        return Arrays.stream(names.split(";")).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> new Person(name, births.get(name), ids.get("person|" + name))).toList();
    }

    /** {@code kind,name,id} rows (kind: work or person) as "kind|name" -> id. */
    private static Map<String, String> ids(List<Csv.Row> rows) {
        Map<String, String> ids = new HashMap<>();
        for (Csv.Row row : rows) {
            String kind = row.required("kind");
            if (!kind.equals("work") && !kind.equals("person")) {
                throw row.problem("has kind '" + kind + "': write work or person");
            }
            if (ids.put(kind + "|" + row.required("name"), row.required("id")) != null) {
                throw row.problem("gives " + kind + " '" + row.required("name") + "' a second id");
            }
        }
        return ids;
    }

    /** {@code class.<Class>=category;category} settings as category -> class. */
    private static Map<String, String> classes(Settings settings) {
        Map<String, String> classes = new HashMap<>();
        for (String key : settings.properties().stringPropertyNames()) {
            if (key.startsWith("class.")) {
                for (String category : settings.required(key).split(";")) {
                    classes.put(category.strip(), key.substring("class.".length()));
                }
            }
        }
        return classes;
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
                                              Map<String, List<String>> winnersByCategory,
                                              Map<String, Csv.Row> corrections,
                                              List<AnnouncedCorrection> announcedCorrections) {
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
            Csv.Row correction = corrections.get(category);
            for (String winner : winnersByCategory.getOrDefault(category, List.of())) {
                if (correction != null && winner.equals(correction.required("corrected_to"))) {
                    // Announced as it happened on stage; the true winner comes with the correction right after.
                    AnnouncedWin wrong = new AnnouncedWin(results.size() + 1, category, correction.required("announced"),
                            row.optional("approx_time_et"));
                    results.add(wrong);
                    announcedCorrections.add(new AnnouncedCorrection(wrong.order(), category, wrong.nominee(), winner,
                            correction.optional("reason"), correction.optional("approx_time_et")));
                } else {
                    results.add(new AnnouncedWin(results.size() + 1, category, winner, row.optional("approx_time_et")));
                }
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
