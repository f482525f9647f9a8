package dev.awardsticker.ingest.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The csv files of the data folder, read with jackson-dataformat-csv: RFC 4180 (quoted fields may hold commas,
 * line breaks and doubled quotes), UTF-8 (a byte order mark is skipped), a header row naming the columns, lines
 * starting with {@code #} taken as comments and blank lines skipped.
 */
final class Csv {
    private Csv() {}

    /** One data row, read by column name; {@code line} is its line number in the file, for error messages. */
    record Row(String file, int line, Map<String, String> values) {
        /** The value, stripped; empty when blank. Fails naming file, line and column when the column is absent. */
        String get(String column) {
            String value = values.get(column);
            if (value == null) {
                throw new IllegalStateException(file + " has no column '" + column + "' (columns: "
                        + values.keySet() + ")");
            }
            return value.strip();
        }

        String required(String column) {
            String value = get(column);
            if (value.isEmpty()) {
                throw problem("has no " + column);
            }
            return value;
        }

        /** Whether the file has this column at all: for columns added to a format later, optional per file. */
        boolean has(String column) {
            return values.containsKey(column);
        }

        /** Null when blank. */
        String optional(String column) {
            String value = get(column);
            return value.isEmpty() ? null : value;
        }

        IllegalStateException problem(String what) {
            return new IllegalStateException(file + " line " + line + " " + what);
        }
    }

    static List<Row> read(DataFolder folder, String name) {
        return read(folder.describe(name), folder.open(name));
    }

    /**
     * Jackson's csv parser: quoting (commas, doubled quotes and line breaks inside quotes, spaces before the opening
     * quote), {@code #} comment lines and blank lines skipped. Rows are read as arrays so that the header can be
     * checked here and every message names the file and the line a row starts on.
     */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .build();

    static List<Row> read(String file, Reader reader) {
        try (Reader in = withoutBom(reader);
             JsonParser parser = MAPPER.reader().with(CsvSchema.emptySchema()).createParser(in)) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) { // the whole file, wrapped as one array
                    throw new IllegalStateException(file + " is empty: it needs a header row");
                }
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    List<String> fields = new ArrayList<>();
                    int line = -1;
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        if (line < 0) {
                            line = parser.currentTokenLocation().getLineNr(); // the line the row starts on
                        }
                        fields.add(parser.getText());
                    }
                    if (header == null) {
                        header = fields.stream().map(String::strip).toList();
                        continue;
                    }
                    if (fields.size() != header.size()) {
                        throw new IllegalStateException(file + " line " + line + " has " + fields.size()
                                + " fields but the header has " + header.size());
                    }
                    Map<String, String> values = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        values.put(header.get(i), fields.get(i));
                    }
                    rows.add(new Row(file, line, values));
                }
            } catch (JsonProcessingException e) {
                // The token location is still that of the row being read: the line it starts on.
                int line = parser.currentTokenLocation().getLineNr();
                String what = e.getOriginalMessage();
                throw new IllegalStateException(file + " line " + line + (what.startsWith("Missing closing quote")
                        ? " has an unclosed quote" : ": " + what.lines().findFirst().orElse(what)));
            }
            if (header == null) {
                throw new IllegalStateException(file + " is empty: it needs a header row");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Drops a leading UTF-8 byte order mark, which a Reader hands on as a character. */
    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }
}
