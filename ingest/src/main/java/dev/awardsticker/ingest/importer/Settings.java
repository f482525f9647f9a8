package dev.awardsticker.ingest.importer;

import java.util.Properties;

/** A properties file of a data folder, whose errors name the file and the key. */
record Settings(String file, Properties properties) {

    static Settings read(DataFolder folder, String name) {
        return new Settings(folder.describe(name), folder.properties(name));
    }

    String required(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " needs a value for '" + key + "'");
        }
        return value.strip();
    }

    String optional(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    int number(String key) {
        String value = required(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": '" + key + "' must be a whole number, not '" + value + "'");
        }
    }
}
