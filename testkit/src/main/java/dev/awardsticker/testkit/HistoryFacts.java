package dev.awardsticker.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts table of the shipped history's README (ingest/src/main/resources/history/academy-awards/README.md),
 * checked there against the data file: tests take their expected records from it, never from the code under test.
 */
public final class HistoryFacts {
    /** A record as the README states it: "11: Ben-Hur (32nd), Titanic (70th), ...". */
    public record Stated(int value, List<Holder> holders) {
        public List<String> names() {
            return holders.stream().map(Holder::name).toList();
        }
    }

    /** A holder and the edition of the ceremony where the README says it set the record. */
    public record Holder(String name, int edition) {}

    private static final Pattern HOLDER = Pattern.compile("\\s*(.+?) \\((\\d+)(?:st|nd|rd|th)[^)]*\\)\\s*");

    private final Map<String, String> rows;

    private HistoryFacts(Map<String, String> rows) {
        this.rows = rows;
    }

    /** Reads the README of the module tree the test runs in (its working directory is a module folder). */
    public static HistoryFacts shipped() {
        Path readme = Path.of("..", "ingest", "src", "main", "resources", "history", "academy-awards", "README.md");
        try {
            Map<String, String> rows = new LinkedHashMap<>();
            for (String line : Files.readAllLines(readme)) {
                String[] cells = line.split("\\|");
                if (line.startsWith("| ") && cells.length == 3 && !cells[1].isBlank() && !cells[1].contains("---")) {
                    rows.put(cells[1].strip(), cells[2].strip());
                }
            }
            return new HistoryFacts(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + readme.toAbsolutePath(), e);
        }
    }

    /** The value column of a fact, e.g. {@code row("Meryl Streep")}. */
    public String row(String fact) {
        String value = rows.get(fact);
        if (value == null) {
            throw new IllegalArgumentException("The history README states no fact '" + fact + "' (facts: "
                    + rows.keySet() + ")");
        }
        return value;
    }

    /** A fact of the form "N: Holder (Nth), Holder (Nth, ...)". */
    public Stated record(String fact) {
        String text = row(fact);
        int colon = text.indexOf(':');
        int value = Integer.parseInt(text.substring(0, colon).strip());
        List<Holder> holders = new ArrayList<>();
        for (String part : text.substring(colon + 1).split(",(?![^(]*\\))")) {
            Matcher m = HOLDER.matcher(part);
            if (m.matches()) {
                holders.add(new Holder(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        return new Stated(value, List.copyOf(holders));
    }

    /** The first whole number in a fact after {@code after}, e.g. {@code number("89th ceremony", "")} = 122. */
    public int number(String fact, String after) {
        String text = row(fact);
        Matcher m = Pattern.compile(Pattern.quote(after) + "\\D*?(\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("No number after '" + after + "' in '" + text + "'");
        }
        return Integer.parseInt(m.group(1));
    }
}
