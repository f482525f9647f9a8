package dev.awardsticker.ingest.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The csv files of the data folder: RFC 4180 (quoted fields may hold commas, quotes doubled), UTF-8, a header
 * row naming the columns, and leading lines starting with {@code #} taken as comments.
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

    static List<Row> read(String file, Reader reader) {
        try (BufferedReader in = new BufferedReader(reader)) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int startLine = lineNo;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (header == null && (line.startsWith("#") || line.isBlank())) {
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                // A quoted field may run over several lines: read on until the quotes are balanced.
                StringBuilder record = new StringBuilder(line);
                while (quotesOpen(record)) {
                    String next = in.readLine();
                    if (next == null) {
                        throw new IllegalStateException(file + " line " + startLine + " has an unclosed quote");
                    }
                    lineNo++;
                    record.append('\n').append(next);
                }
                List<String> fields = split(record.toString());
                if (header == null) {
                    header = fields.stream().map(String::strip).toList();
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new IllegalStateException(file + " line " + startLine + " has " + fields.size()
                            + " fields but the header has " + header.size());
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), fields.get(i));
                }
                rows.add(new Row(file, startLine, values));
            }
            if (header == null) {
                throw new IllegalStateException(file + " is empty: it needs a header row");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static boolean quotesOpen(CharSequence text) {
        return text.chars().filter(c -> c == '"').count() % 2 == 1;
    }

    private static List<String> split(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
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
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
