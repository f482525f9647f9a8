package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the reference records of an award as they stood before a given year, for the Streams app to compare
 * live results with. A records folder holds, per award, {@code <award>.properties}: the csv file
 * ({@code record,holder,value,ceremony_year,note}), optionally {@code first-ceremony-year} (to name holders'
 * ceremonies {@code <award>-<edition>}), and {@code record.<csv record>=<contract record>} for each csv record
 * that is a reference record. Several csv records may measure one contract record (its value before and after
 * a ceremony): the best value before the year wins, lowest for {@code youngest-*} records, else highest, and
 * every row with that value is a holder.
 * <p>Two optional columns: {@code edition} names the holder's ceremony ({@code <award>-<edition>}) where years
 * can't (the Academy Awards held two ceremonies in 1930 and none in 1933), and {@code age_days} gives an age
 * record holder's age at that ceremony in days ({@link RecordHolder#ageDays()}).
 */
public final class ReferenceRecordsLoader {
    public static final String FOLDER = "records";
    private static final String MAPPING = "record.";

    private ReferenceRecordsLoader() {}

    /** The shipped records of {@code ceremony}'s award as they stood before that ceremony's year. */
    public static List<RecordReference> before(CeremonyDefinition ceremony) {
        return fromClasspath(ceremony.award(), ceremony.date().getYear());
    }

    public static List<RecordReference> fromClasspath(String award, int beforeYear) {
        return load(DataFolder.classpath(FOLDER), award, beforeYear);
    }

    public static List<RecordReference> fromDirectory(Path folder, String award, int beforeYear) {
        return load(DataFolder.directory(folder), award, beforeYear);
    }

    /** The award's reference records set in a ceremony before {@code beforeYear}, sorted by record. */
    public static List<RecordReference> load(DataFolder folder, String award, int beforeYear) {
        Settings settings = Settings.read(folder, award + ".properties");
        if (!award.equals(settings.required("award"))) {
            throw new IllegalStateException(settings.file() + " is about award '" + settings.required("award")
                    + "', not '" + award + "'");
        }
        Integer firstYear = settings.optional("first-ceremony-year") == null ? null
                : settings.number("first-ceremony-year");
        Map<String, List<Csv.Row>> rowsByRecord = new TreeMap<>();
        for (Csv.Row row : Csv.read(folder, settings.required("file"))) {
            String record = settings.optional(MAPPING + row.required("record"));
            if (record != null && year(row) < beforeYear) {
                rowsByRecord.computeIfAbsent(record, r -> new ArrayList<>()).add(row);
            }
        }
        List<RecordReference> references = new ArrayList<>();
        rowsByRecord.forEach((record, rows) -> {
            Comparator<Csv.Row> better = Comparator.comparingInt(ReferenceRecordsLoader::value);
            int best = value(record.startsWith("youngest-") ? rows.stream().min(better).orElseThrow()
                    : rows.stream().max(better).orElseThrow());
            List<Csv.Row> holders = rows.stream().filter(row -> value(row) == best)
                    .sorted(Comparator.comparingInt(ReferenceRecordsLoader::year)).toList();
            references.add(new RecordReference(award, record, best,
                    holders.stream().map(row -> new RecordHolder(row.required("holder"), year(row),
                            ceremony(row, award, firstYear), optionalNumber(row, "age_days"))).toList(),
                    source(holders)));
        });
        return references;
    }

    /** The holder's ceremony id: from the row's edition, else counted from the first year, else unknown. */
    private static String ceremony(Csv.Row row, String award, Integer firstYear) {
        Integer edition = optionalNumber(row, "edition");
        if (edition != null) {
            return award + "-" + edition;
        }
        return firstYear == null ? null : award + "-" + (year(row) - firstYear + 1);
    }

    private static Integer optionalNumber(Csv.Row row, String column) {
        return row.has(column) && row.optional(column) != null ? number(row, column) : null;
    }

    /** The note of each holder's row, which names its sources. */
    private static String source(List<Csv.Row> holders) {
        if (holders.size() == 1) {
            return holders.get(0).get("note");
        }
        return holders.stream().map(row -> row.required("holder") + " (" + year(row) + "): " + row.get("note"))
                .collect(Collectors.joining(" | "));
    }

    private static int value(Csv.Row row) {
        return number(row, "value");
    }

    private static int year(Csv.Row row) {
        return number(row, "ceremony_year");
    }

    private static int number(Csv.Row row, String column) {
        String text = row.required(column);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw row.problem("has " + column + " '" + text + "', not a whole number");
        }
    }
}
