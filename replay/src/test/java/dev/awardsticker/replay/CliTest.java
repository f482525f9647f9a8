package dev.awardsticker.replay;

import dev.awardsticker.ingest.replay.Pacing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private static final Map<String, String> NO_ENV = Map.of();

    private static Options parse(String line) {
        return parse(line.split(" "), NO_ENV);
    }

    private static Options parse(String[] args, Map<String, String> env) {
        return Cli.parse(args, env).options();
    }

    @Test
    void readsAReplayAtTenTimesTheShowsPace() {
        Options o = parse("replay --ingest http://localhost:9000 --token t0k --speed 10 academy-awards-89");
        assertEquals(new Options(Options.Command.REPLAY, List.of("http://localhost:9000"), "t0k", "academy-awards-89",
                Pacing.realTime(10), null, false, null, Duration.ofSeconds(60)), o);
    }

    @Test
    void readsAnImportWithDefaultsFromTheEnvironment() {
        Options o = parse(new String[] {"import", "some/folder"},
                Map.of("INGEST_TOKEN", "env-token", "INGEST_URL", "http://ingest:8081"));
        assertEquals(new Options(Options.Command.IMPORT, List.of("http://ingest:8081"), "env-token", "some/folder",
                Pacing.realTime(1), null, false, null, Duration.ofSeconds(60)), o);
    }

    @Test
    void readsEveryPacingAndTheRecordOptions() {
        assertEquals(Pacing.fastest(), parse("replay --token t --speed max x").pacing());
        assertEquals(Pacing.realTime(2.5), parse("replay --token t --speed 2.5x x").pacing());
        assertEquals(Pacing.fixed(Duration.ofMillis(1500)), parse("replay --token t --pace-ms 1500 x").pacing());
        assertEquals(Pacing.realTime(1), parse("replay --token t x").pacing(), "real pace by default");
        Options o = parse("replay --token t --records recs --as rerun-1 x");
        assertEquals(Path.of("recs"), o.records());
        assertEquals("rerun-1", o.asId());
        assertEquals(true, parse("import --token t --no-records x").noRecords());
        assertEquals(List.of(Cli.DEFAULT_INGEST), parse("import --token t x").ingestUrls());
    }

    @Test
    void takesSeveralIngestUrlsRepeatedOrCommaSeparatedAndFromTheEnvironment() {
        assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"),
                parse("replay --token t --ingest http://a:1 --ingest http://b:2,http://c:3 x").ingestUrls());
        assertEquals(List.of("http://a:1", "http://b:2"),
                parse("replay --token t --ingest http://a:1,http://a:1,http://b:2 x").ingestUrls(), "each once");
        assertEquals(List.of("http://a:1", "http://b:2"), parse(new String[] {"replay", "--token", "t", "x"},
                Map.of("INGEST_URL", "http://a:1, http://b:2")).ingestUrls());
        assertEquals(List.of("http://c:3"), parse("replay --token t --ingest http://c:3 x".split(" "),
                Map.of("INGEST_URL", "http://a:1,http://b:2")).ingestUrls(), "--ingest replaces INGEST_URL");
    }

    @Test
    void readsHowLongToRetry() {
        assertEquals(Duration.ofSeconds(60), parse("replay --token t x").retryFor(), "a minute by default");
        assertEquals(Duration.ofSeconds(90), parse("replay --token t --retry-for 90s x").retryFor());
        assertEquals(Duration.ofMinutes(5), parse("replay --token t --retry-for 5m x").retryFor());
        assertEquals(Duration.ofSeconds(90), parse("replay --token t --retry-for 1.5m x").retryFor());
        assertEquals(Duration.ofHours(1), parse("replay --token t --retry-for 1h x").retryFor());
        assertEquals(Duration.ofMillis(500), parse("replay --token t --retry-for 500ms x").retryFor());
        assertEquals(Duration.ZERO, parse("replay --token t --retry-for 0 x").retryFor());
        assertEquals(Duration.ofSeconds(30), parse("replay --token t --retry-for 30 x").retryFor(), "seconds");
        assertEquals(Duration.ofSeconds(90), parse("replay --token t --retry-for PT1M30S x").retryFor());
        assertEquals(Duration.ofMinutes(2), parse("import --token t x".split(" "),
                Map.of("REPLAY_RETRY_FOR", "2m")).retryFor());
        assertEquals(Duration.ofSeconds(5), parse("import --token t --retry-for 5s x".split(" "),
                Map.of("REPLAY_RETRY_FOR", "2m")).retryFor());
        assertEquals("REPLAY_RETRY_FOR needs a duration such as 90s, 5m or 500ms (0: never retry), not 'soon'",
                assertThrows(UsageException.class, () -> parse("import --token t x".split(" "),
                        Map.of("REPLAY_RETRY_FOR", "soon"))).getMessage());
    }

    @Test
    void theHelpNamesTheNewOptions() {
        String help = Cli.parse(new String[] {"replay", "--help"}, NO_ENV).help();
        assertTrue(help.contains("--retry-for=TIME"), help);
        assertTrue(help.contains("default: $REPLAY_RETRY_FOR, else 60s"), help);
        assertTrue(help.contains("give a comma list for several"), help);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "import|--ingest --token --records --no-records --as --retry-for --help <ceremony>",
            "replay|--ingest --token --records --no-records --as --retry-for --help --speed --pace-ms <ceremony>",
    })
    void eachCommandsHelpListsEveryOptionWithItsDefault(String command, String names) {
        Cli.Parsed parsed = Cli.parse(new String[] {command, "--help"}, NO_ENV);
        assertNull(parsed.options(), "help is not a command to run");
        String help = parsed.help();
        assertTrue(help.startsWith("usage: java -jar replay/target/replay.jar " + command + " "), help);
        List<String> lines = help.lines().toList();
        for (String name : names.split(" ")) {
            String start = "\\s+(-h, )?\\[?" + java.util.regex.Pattern.quote(name) + "(?![\\w-]).*";
            List<Integer> at = java.util.stream.IntStream.range(0, lines.size())
                    .filter(n -> lines.get(n).matches(start)).boxed().toList();
            assertEquals(1, at.size(), name + " is listed once in\n" + help);
            StringBuilder entry = new StringBuilder(lines.get(at.get(0)));
            for (int n = at.get(0) + 1; n < lines.size() && !lines.get(n).matches("\\s+(-h, |--|\\[<).*"); n++) {
                entry.append(' ').append(lines.get(n).strip());
            }
            if (!name.equals("--help") && !name.equals("<ceremony>")) {
                assertTrue(entry.toString().contains("(default: "), name + " names its default: " + entry);
            }
        }
        assertTrue(help.contains("a built-in id (golden-globes-74, academy-awards-89)"), help);
        assertTrue(help.contains("default: $INGEST_URL, else http://localhost:8081"), help);
        assertTrue(help.contains("default: $INGEST_TOKEN"), help);
        assertEquals(command.equals("replay"), help.contains("--speed"), "only replay paces announcements");
    }

    @Test
    void theCommandsHelpListsBothSubcommands() {
        for (String flag : List.of("--help", "-h")) {
            String help = Cli.parse(new String[] {flag}, NO_ENV).help();
            assertTrue(help.startsWith("usage: java -jar replay/target/replay.jar "), help);
            assertTrue(help.lines().anyMatch(l -> l.strip().startsWith("import ")), help);
            assertTrue(help.lines().anyMatch(l -> l.strip().startsWith("replay ")), help);
        }
    }

    @Test
    void helpIsNotAnError() {
        assertNull(Cli.parse("replay --help".split(" "), NO_ENV).options());
        assertNull(Cli.parse("replay --token t --help x".split(" "), NO_ENV).options());
        assertTrue(Cli.parse("import --loud --help".split(" "), NO_ENV).help().startsWith(
                "usage: java -jar replay/target/replay.jar import "), "asking for help beats a mistake");
    }

    @Test
    void picocliReadsQuotedAndAttachedValues() {
        Options o = parse(new String[] {"replay", "--token=a token with spaces", "--ingest=http://a:1,http://b:2",
                "--as", "re run", "my folder/with spaces"}, NO_ENV);
        assertEquals("a token with spaces", o.token());
        assertEquals(List.of("http://a:1", "http://b:2"), o.ingestUrls());
        assertEquals("re run", o.asId());
        assertEquals("my folder/with spaces", o.ceremony());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dance|unknown command 'dance': use import or replay",
            "replay --token t|name the ceremony: a built-in id (golden-globes-74, academy-awards-89), a data folder or a .json file",
            "replay x|give an editor token: --token TOKEN or INGEST_TOKEN (one of ingest's INGEST_TOKENS)",
            "replay --token t --speed fast x|--speed needs a positive number (10: ten times faster than the show) or max, not 'fast'",
            "replay --token t --speed 0 x|--speed needs a positive number (10: ten times faster than the show) or max, not '0'",
            "replay --token t --pace-ms -5 x|--pace-ms needs a whole number of milliseconds (0 or more), not '-5'",
            "replay --token t --speed 2 --pace-ms 5 x|--speed and --pace-ms contradict each other: pick one",
            "import --token t --speed 2 x|import posts no announcements, so it takes no --speed or --pace-ms: use replay",
            "replay --token t --records r --no-records x|--records and --no-records contradict each other: pick one",
            "replay --token t --loud x|Unknown option: '--loud'",
            "replay --token t a b|one ceremony at a time: got 'a' and 'b'",
            "replay --token|Missing required parameter for option '--token' (TOKEN)",
            "replay --token t --ingest localhost:8081 x|--ingest needs an http(s) URL such as http://localhost:8081, not 'localhost:8081'",
            "replay --token t --ingest http://a:1,,http://b:2 x|--ingest has an empty URL in 'http://a:1,,http://b:2': separate URLs with one comma",
            "replay --token t --ingest http://a:1,b:2 x|--ingest needs an http(s) URL such as http://localhost:8081, not 'b:2'",
            "replay --token t --retry 5s x|Unknown option: '--retry': did you mean --records or --retry-for?",
            "replay --token t x --as|Missing required parameter for option '--as' (ID)",
            "replay --token t --speed --pace-ms 5 x|Expected parameter for option '--speed' but found '--pace-ms'",
            "replay --token t --retry-for soon x|--retry-for needs a duration such as 90s, 5m or 500ms (0: never retry), not 'soon'",
            "replay --token t --retry-for -5s x|--retry-for needs a duration such as 90s, 5m or 500ms (0: never retry), not '-5s'",
    })
    void explainsEveryMistake(String line, String message) {
        assertEquals(message, assertThrows(UsageException.class, () -> parse(line)).getMessage());
    }

    @Test
    void nothingAtAllAsksWhatToDo() {
        assertEquals("say what to do: import or replay",
                assertThrows(UsageException.class, () -> parse(new String[0], NO_ENV)).getMessage());
    }
}
