package dev.awardsticker.streams;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.ingest.importer.AnnouncedCorrection;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ceremony as ingest ships it (ingest/src/main/resources/ceremonies/&lt;id&gt;: facts from public reports,
 * see SOURCES.md there), read by ingest's own {@link CeremonyImportLoader}, so that tests take their expected
 * numbers from the data and not from the code under test (the streams topology).
 *
 * @param announced the wins in announcement order as said on stage (a corrected category names the wrong nominee)
 * @param corrections category -> the nominee it was corrected to
 * @param winners category -> its true winners (a corrected category's winner is the one it was corrected to)
 */
record ShippedCeremony(CeremonyDefinition definition, List<Win> announced, Map<String, String> corrections,
                       Map<String, List<String>> winners) {
    record Win(String category, String nominee) {}

    static ShippedCeremony load(String id) {
        CeremonyImport ceremony = CeremonyImportLoader.builtIn(id)
                .orElseThrow(() -> new IllegalArgumentException("ingest ships no ceremony " + id));
        Map<String, String> corrections = new LinkedHashMap<>();
        Map<Integer, String> correctedAfter = new HashMap<>();
        for (AnnouncedCorrection c : ceremony.corrections()) {
            corrections.put(c.category(), c.correctTo());
            correctedAfter.put(c.afterOrder(), c.correctTo());
        }
        List<Win> announced = new ArrayList<>();
        Map<String, List<String>> winners = new HashMap<>();
        for (AnnouncedWin win : ceremony.results()) {
            announced.add(new Win(win.category(), win.nominee()));
            winners.computeIfAbsent(win.category(), c -> new ArrayList<>())
                    .add(correctedAfter.getOrDefault(win.order(), win.nominee()));
        }
        return new ShippedCeremony(ceremony.definition(), announced, corrections, winners);
    }

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    /** One of ingest's csv files as rows by column name: RFC 4180 with a header row, '#' lines are comments. */
    static List<Map<String, String>> csv(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
