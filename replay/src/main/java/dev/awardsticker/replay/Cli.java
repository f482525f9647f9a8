package dev.awardsticker.replay;

import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.replay.Pacing;
import dev.awardsticker.ingest.replay.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line, read by picocli: subcommands {@code import} and {@code replay}, their options and help.
 * Every mistake is a {@link UsageException} that names the option and says what to write instead.
 */
@Command(name = Cli.NAME, synopsisHeading = "usage: ", commandListHeading = "%nCommands:%n",
        subcommands = {Cli.Import.class, Cli.Replay.class},
        description = "Imports a ceremony into a running ingest, or replays it; 'history' imports an award's whole"
                + " history into Kafka. Exit codes: 0 every request"
                + " succeeded, 1 something failed, 2 the command line is wrong. '<command> --help' for its options.")
final class Cli {
    static final String NAME = "java -jar replay/target/replay.jar";
    static final String DEFAULT_INGEST = "http://localhost:8081";
    static final Duration DEFAULT_RETRY_FOR = RetryPolicy.DEFAULT_BUDGET;
    private static final String BUILT_IN = String.join(", ", CeremonyImportLoader.BUILT_IN);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** What the command line asks for: help to print, or a command to run (and its usage, for later mistakes). */
    record Parsed(String help, Options options, String usage) {}

    /** Reads {@code args}; the environment gives INGEST_URL, INGEST_TOKEN and REPLAY_RETRY_FOR. */
    static Parsed parse(String[] args, Map<String, String> env) {
        CommandLine top = commandLine();
        if (args.length == 0) {
            throw new UsageException("say what to do: import or replay", top.getUsageMessage());
        }
        if (!args[0].startsWith("-") && !top.getSubcommands().containsKey(args[0])) {
            throw new UsageException("unknown command '" + args[0] + "': use import or replay", top.getUsageMessage());
        }
        ParseResult result;
        try {
            result = top.parseArgs(args);
        } catch (ParameterException e) {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                return new Parsed(e.getCommandLine().getUsageMessage(), null, null);
            }
            throw new UsageException(message(e), e.getCommandLine().getUsageMessage());
        }
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        CommandLine command = result.commandSpec().commandLine();
        if (result.isUsageHelpRequested()) {
            return new Parsed(command.getUsageMessage(), null, null);
        }
        if (!(command.getCommand() instanceof Sub sub)) {
            throw new UsageException("say what to do: import or replay", top.getUsageMessage());
        }
        try {
            return new Parsed(null, sub.options(env), command.getUsageMessage());
        } catch (UsageException e) {
            throw new UsageException(e.getMessage(), command.getUsageMessage());
        }
    }

    /** The whole command's help (the same text as {@code --help}). */
    static String usage() {
        return commandLine().getUsageMessage();
    }

    static CommandLine commandLine() {
        return new CommandLine(new Cli()).setUsageHelpWidth(110).setUsageHelpLongOptionsMaxWidth(24);
    }

    /** picocli's message, except that a value our converters refuse is "--option needs ..., not 'value'". */
    private static String message(ParameterException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + cause.getMessage();
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return e.getMessage() + ": did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return e.getMessage();
    }

    /** What {@code import} and {@code replay} share. */
    static final class Common {
        @Option(names = "--ingest", paramLabel = "URL", description = "ingest's base URL; repeat it or give a comma list for several"
                + " instances: a retry goes to the next one (default: $INGEST_URL, else " + DEFAULT_INGEST + ")")
        List<String> ingest = new ArrayList<>();

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "an editor token of ingest (default: $INGEST_TOKEN)")
        String token;

        @Option(names = "--records", paramLabel = "DIR", description = "reference records from DIR"
                + " (<award>.properties + csv) instead of the shipped ones (default: the shipped ones)")
        Path records;

        @Option(names = "--no-records", description = "post no reference records (default: post them)")
        boolean noRecords;

        @Option(names = "--as", paramLabel = "ID", description = "post the ceremony under another id, to replay it"
                + " again next to an earlier run (default: the ceremony's own id)")
        String asId;

        @Option(names = "--retry-for", paramLabel = "TIME", converter = DurationConverter.class, description = "keep retrying an event that gets no answer, 503 or 5xx, with backoff,"
                + " for up to TIME: 90s, 5m, 1.5m, 500ms, PT1M30S or a number of seconds; 0: never retry"
                + " (default: $REPLAY_RETRY_FOR, else 60s)")
        Duration retryFor;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "this text, and nothing done")
        boolean help;

        @Parameters(paramLabel = "<ceremony>", arity = "0..*", hideParamSyntax = true, completionCandidates = BuiltIns.class, description = "a built-in id (${COMPLETION-CANDIDATES}), a ceremony .json file,"
                + " or a data folder with a ceremony.properties and csv files")
        List<String> ceremonies = new ArrayList<>();

        Options options(Options.Command command, Pacing pacing, Map<String, String> env) {
            if (ceremonies.size() > 1) {
                throw new UsageException("one ceremony at a time: got '" + ceremonies.get(0) + "' and '"
                        + ceremonies.get(1) + "'");
            }
            if (ceremonies.isEmpty()) {
                throw new UsageException("name the ceremony: a built-in id (" + BUILT_IN
                        + "), a data folder or a .json file");
            }
            String theToken = token != null ? token : blankToNull(env.get("INGEST_TOKEN"));
            if (theToken == null) {
                throw new UsageException("give an editor token: --token TOKEN or INGEST_TOKEN (one of ingest's"
                        + " INGEST_TOKENS)");
            }
            if (records != null && noRecords) {
                throw new UsageException("--records and --no-records contradict each other: pick one");
            }
            List<String> urls = new ArrayList<>(ingest);
            if (urls.isEmpty()) {
                String fromEnv = blankToNull(env.get("INGEST_URL"));
                urls.add(fromEnv == null ? DEFAULT_INGEST : fromEnv);
            }
            Duration retry = retryFor;
            if (retry == null) {
                String fromEnv = blankToNull(env.get("REPLAY_RETRY_FOR"));
                try {
                    retry = fromEnv == null ? DEFAULT_RETRY_FOR : duration(fromEnv);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("REPLAY_RETRY_FOR " + e.getMessage());
                }
            }
            return new Options(command, urls(urls), theToken, ceremonies.get(0), pacing, records, noRecords, asId, retry);
        }
    }

    /** The built-in ceremony ids, for the help. */
    static final class BuiltIns implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CeremonyImportLoader.BUILT_IN.iterator();
        }
    }

    /** A subcommand: its options, with the environment's defaults. */
    interface Sub {
        Options options(Map<String, String> env);
    }

    @Command(name = "import", synopsisHeading = "usage: ", abbreviateSynopsis = true, sortOptions = false,
            description = "Post the ceremony's reference records and definition to ingest.")
    static final class Import implements Sub {
        @Mixin
        Common common = new Common();

        @Spec
        CommandSpec spec;

        /** Not an option of import: a clearer word than "Unknown option" for someone who meant replay. */
        @Option(names = {"--speed", "--pace-ms"}, hidden = true, paramLabel = "VALUE")
        void pacing(String ignored) {
            throw new ParameterException(spec.commandLine(),
                    "import posts no announcements, so it takes no --speed or --pace-ms: use replay");
        }

        @Override
        public Options options(Map<String, String> env) {
            return common.options(Options.Command.IMPORT, Pacing.realTime(1), env);
        }
    }

    @Command(name = "replay", synopsisHeading = "usage: ", abbreviateSynopsis = true, sortOptions = false,
            description = "Post the ceremony's reference records and definition, then every announcement and"
                    + " correction in the show's order.")
    static final class Replay implements Sub {
        @Mixin
        Common common = new Common();

        @Option(names = "--speed", paramLabel = "N|max", converter = SpeedConverter.class, description = "N times faster than the show, timed by its announcement times; max: as"
                + " fast as ingest answers (default: 1, the show's real pace)")
        Pacing speed;

        @Option(names = "--pace-ms", paramLabel = "MS", converter = PaceConverter.class,
                description = "a fixed gap of MS milliseconds between announcements instead of --speed"
                + " (default: none, the show's pace)")
        Pacing paceMs;

        @Override
        public Options options(Map<String, String> env) {
            if (speed != null && paceMs != null) {
                throw new UsageException("--speed and --pace-ms contradict each other: pick one");
            }
            Pacing pacing = paceMs != null ? paceMs : speed != null ? speed : Pacing.realTime(1);
            return common.options(Options.Command.REPLAY, pacing, env);
        }
    }

    /** Every URL of every --ingest (each may be a comma list), in order, each once. */
    private static List<String> urls(List<String> values) {
        List<String> urls = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    throw new UsageException("--ingest has an empty URL in '" + value + "': separate URLs with one comma");
                }
                String url = url(part.strip());
                if (!urls.contains(url)) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }

    private static String url(String text) {
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return text;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ingest needs an http(s) URL such as " + DEFAULT_INGEST + ", not '" + text + "'");
        }
    }

    /**
     * "90s", "5m", "1.5m", "1h", "500ms", "0", a bare number of seconds, or ISO-8601 "PT1M30S"; else an
     * IllegalArgumentException whose message ("needs a duration ...") follows the option or variable's name.
     */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t);
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            } else if (t.endsWith("s") || t.endsWith("m") || t.endsWith("h")) {
                double n = Double.parseDouble(t.substring(0, t.length() - 1).strip());
                long unitMs = switch (t.charAt(t.length() - 1)) {
                    case 's' -> 1000;
                    case 'm' -> 60_000;
                    default -> 3_600_000;
                };
                if (Double.isNaN(n) || Double.isInfinite(n)) {
                    throw new NumberFormatException();
                }
                d = Duration.ofMillis(Math.round(n * unitMs));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
            if (d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("needs a duration such as 90s, 5m or 500ms (0: never retry), not '"
                    + text + "'");
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SpeedConverter implements ITypeConverter<Pacing> {
        @Override
        public Pacing convert(String speed) {
            if (speed.toLowerCase(Locale.ROOT).equals("max")) {
                return Pacing.fastest();
            }
            try {
                return Pacing.realTime(Double.parseDouble(speed.endsWith("x")
                        ? speed.substring(0, speed.length() - 1) : speed));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("needs a positive number (10: ten times faster than the show)"
                        + " or max, not '" + speed + "'");
            }
        }
    }

    static final class PaceConverter implements ITypeConverter<Pacing> {
        @Override
        public Pacing convert(String paceMs) {
            try {
                long ms = Long.parseLong(paceMs);
                if (ms < 0) {
                    throw new NumberFormatException();
                }
                return Pacing.fixed(Duration.ofMillis(ms));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number of milliseconds (0 or more), not '"
                        + paceMs + "'");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
