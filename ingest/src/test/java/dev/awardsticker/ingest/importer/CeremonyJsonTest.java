package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON ceremony file: one {@link CeremonyImport} (definition, results, corrections). The examples in
 * {@code docs/examples} are the shipped ceremonies exported by this test, so the documented schema can't drift
 * from the code: run it with {@code -Dexamples.write=true} to write them again after a data change.
 */
class CeremonyJsonTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @ParameterizedTest
    @ValueSource(strings = {"golden-globes-74", "academy-awards-89"})
    void theExampleFileIsTheShippedCeremonyAndReadsBackTheSame(String id) throws IOException {
        CeremonyImport shipped = CeremonyImportLoader.builtIn(id).orElseThrow();
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(shipped) + "\n";
        Path example = EXAMPLES.resolve(id + ".json");
        if (Boolean.getBoolean("examples.write")) {
            Files.createDirectories(EXAMPLES);
            Files.writeString(example, json, StandardCharsets.UTF_8);
        }
        assertEquals(json, Files.readString(example, StandardCharsets.UTF_8),
                example + " differs from the shipped data: run this test with -Dexamples.write=true");
        assertEquals(shipped, CeremonyImportLoader.fromJson(example));
    }

    @Test
    void theSchemaIsDefinitionResultsAndCorrections() throws IOException {
        String json = Files.readString(EXAMPLES.resolve("academy-awards-89.json"));
        var tree = Json.MAPPER.readTree(json);
        assertEquals(java.util.List.of("definition", "results", "corrections"),
                iterable(tree.fieldNames()));
        assertEquals("La La Land", tree.get("corrections").get(0).get("announced").textValue());
        assertEquals("2017-02-26", tree.get("definition").get("date").textValue());
    }

    @Test
    void aResultNamingAnUnknownNomineeIsRefusedWithItsPlace(@TempDir Path dir) throws IOException {
        String json = Files.readString(EXAMPLES.resolve("golden-globes-74.json"))
                .replaceFirst("\"nominee\" : \"Aaron Taylor-Johnson\"", "\"nominee\" : \"Nobody\"");
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CeremonyImportLoader.fromJson(file));
        assertEquals(file + ": result 1 names 'Nobody', not a nominee of Best Supporting Actor – Motion Picture",
                e.getMessage());
    }

    @Test
    void aFileThatIsNotACeremonyIsRefusedWithoutAStackTraceWorthOfText(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"definition\": 7");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CeremonyImportLoader.fromJson(file));
        assertTrue(e.getMessage().startsWith(file + " is not a ceremony JSON file (definition, results, corrections): "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
