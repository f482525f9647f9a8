package dev.awardsticker.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A folder of data files, on the classpath (shipped in the jar) or on disk. Files are UTF-8. */
public interface DataFolder {

    /** Opens a file of the folder; fails naming it when it is not there. */
    Reader open(String name);

    /** Where a file of the folder is, for messages. */
    String describe(String name);

    static DataFolder classpath(String folder) {
        String base = folder.endsWith("/") ? folder : folder + "/";
        return new DataFolder() {
            @Override
            public Reader open(String name) {
                InputStream in = DataFolder.class.getClassLoader().getResourceAsStream(base + name);
                if (in == null) {
                    throw new IllegalStateException("Missing " + describe(name));
                }
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public String describe(String name) {
                return "classpath:" + base + name;
            }
        };
    }

    static DataFolder directory(Path folder) {
        return new DataFolder() {
            @Override
            public Reader open(String name) {
                try {
                    return Files.newBufferedReader(folder.resolve(name), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not open " + describe(name), e);
                }
            }

            @Override
            public String describe(String name) {
                return folder.resolve(name).toString();
            }
        };
    }

    /** Reads a properties file of the folder as UTF-8. */
    default Properties properties(String name) {
        Properties properties = new Properties();
        try (Reader reader = open(name)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + describe(name), e);
        }
        return properties;
    }
}
