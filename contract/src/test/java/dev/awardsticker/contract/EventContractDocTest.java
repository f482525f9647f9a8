package dev.awardsticker.contract;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The documented topic table must say what Topics.java does: a newcomer reads the doc, not the code. */
class EventContractDocTest {

    @Test
    void documentedTopicsMatchTheContract() throws Exception {
        Map<String, List<String>> rows = Files.readAllLines(Path.of("..", "docs", "event-contract.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::strip).skip(1).toList())
                .collect(Collectors.toMap(cells -> cells.get(0).replace("`", ""), Function.identity()));
        assertEquals(Topics.ALL.stream().map(Topics.Spec::name).sorted().toList(), rows.keySet().stream().sorted().toList());
        for (Topics.Spec spec : Topics.ALL) {
            List<String> cells = rows.get(spec.name());
            assertEquals(String.valueOf(spec.partitions()), cells.get(3), spec.name() + " partitions");
            assertEquals(spec.config().get("cleanup.policy"), cells.get(4).split(",")[0], spec.name() + " cleanup");
            assertEquals(spec.writers(), cells.get(5), spec.name() + " writers");
            assertEquals(spec.readers(), cells.get(6), spec.name() + " readers");
        }
    }
}
