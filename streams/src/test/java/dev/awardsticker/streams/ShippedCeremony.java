package dev.awardsticker.streams;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real ceremony as ingest ships it (ingest/src/main/resources/ceremonies/&lt;id&gt;: facts from public reports,
 * see SOURCES.md there), read the way ingest's CeremonyImportLoader reads it, so that tests take their expected
 * numbers from the data and not from the code under test.
 *
 * @param announced the wins in announcement order as said on stage (a corrected category names the wrong nominee)
 * @param corrections category -> the nominee it was corrected to
 */
record ShippedCeremony(CeremonyDefinition definition, List<Win> announced, Map<String, String> corrections,
                       Map<String, List<String>> winners) {
    record Win(String category, String nominee) {}

    static ShippedCeremony load(String id) {
        Path folder = Path.of("..", "ingest", "src", "main", "resources", "ceremonies", id);
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("ceremony.properties"), StandardCharsets.UTF_8)) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest's shipped ceremony " + id + " is missing", e);
        }
        Map<String, LocalDate> births = new HashMap<>();
        if (settings.getProperty("people") != null) {
            for (Map<String, String> row : csv(folder.resolve(settings.getProperty("people")))) {
                if (!row.get("birth_date").isBlank()) {
                    births.put(row.get("person"), LocalDate.parse(row.get("birth_date")));
                }
            }
        }
        Map<String, List<Nominee>> nominees = new LinkedHashMap<>();
        Map<String, List<String>> winners = new HashMap<>();
        for (Map<String, String> row : csv(folder.resolve(settings.getProperty("nominees")))) {
            List<Person> people = Arrays.stream(row.get("people").split(";")).map(String::strip)
                    .filter(n -> !n.isEmpty()).map(n -> new Person(n, births.get(n))).toList();
            nominees.computeIfAbsent(row.get("category"), c -> new ArrayList<>()).add(new Nominee(row.get("nominee"),
                    blankToNull(row.get("work")), people, blankToNull(row.get("studio_or_network"))));
            if (row.get("won").equals("true")) {
                winners.computeIfAbsent(row.get("category"), c -> new ArrayList<>()).add(row.get("nominee"));
            }
        }
        CeremonyDefinition definition = new CeremonyDefinition(settings.getProperty("id"),
                settings.getProperty("award"), settings.getProperty("title"),
                Integer.parseInt(settings.getProperty("edition")), LocalDate.parse(settings.getProperty("date")),
                settings.getProperty("broadcaster"),
                nominees.entrySet().stream().map(e -> new Category(e.getKey(), e.getValue())).toList());
        Map<String, String> corrections = new LinkedHashMap<>();
        Map<String, String> announcedInstead = new HashMap<>();
        if (settings.getProperty("corrections") != null) {
            for (Map<String, String> row : csv(folder.resolve(settings.getProperty("corrections")))) {
                corrections.put(row.get("category"), row.get("corrected_to"));
                announcedInstead.put(row.get("category"), row.get("announced"));
            }
        }
        List<Win> announced = new ArrayList<>();
        csv(folder.resolve(settings.getProperty("order"))).stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.get("order"))))
                .forEach(row -> {
                    String category = row.get("category");
                    for (String winner : winners.getOrDefault(category, List.of())) {
                        announced.add(new Win(category, winner.equals(corrections.get(category))
                                ? announcedInstead.get(category) : winner));
                    }
                });
        return new ShippedCeremony(definition, announced, corrections, winners);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** RFC 4180 with a header row; lines starting with '#' outside quotes are comments. */
    static List<Map<String, String>> csv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && !quoted && c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            lineStart = false;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
                lineStart = true;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> result = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                map.put(header.get(i), i < r.size() ? r.get(i) : "");
            }
            result.add(map);
        }
        return result;
    }
}
