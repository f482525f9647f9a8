package dev.awardsticker.replay;

import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.replay.Pacing;
import dev.awardsticker.ingest.replay.RetryPolicy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the command line; every mistake is a {@link UsageException} that says what to write instead. */
final class CommandLine {
    static final String DEFAULT_INGEST = "http://localhost:8081";
    static final Duration DEFAULT_RETRY_FOR = RetryPolicy.DEFAULT_BUDGET;

    static final String USAGE = String.join("\n",
            "usage: java -jar replay/target/replay.jar import [options] <ceremony>",
            "       java -jar replay/target/replay.jar replay [options] [--speed N|max | --pace-ms MS] <ceremony>",
            "",
            "  import   post the ceremony's reference records and definition to ingest",
            "  replay   the same, then every announcement and correction in the show's order",
            "",
            "  <ceremony>        a built-in id (" + String.join(", ", CeremonyImportLoader.BUILT_IN) + "),",
            "                    a data folder (ceremony.properties + csv files) or a ceremony .json file",
            "  --ingest URL      ingest's base URL (default $INGEST_URL, else " + DEFAULT_INGEST + "); repeat it or",
            "                    give a comma list for several instances: a retry goes to the next one",
            "  --token TOKEN     an editor token of ingest (default $INGEST_TOKEN)",
            "  --speed N         N times faster than the show, timed by its announcement times (default 1: real pace)",
            "  --speed max       as fast as ingest answers",
            "  --pace-ms MS      a fixed gap of MS milliseconds between announcements instead",
            "  --records DIR     reference records from DIR (<award>.properties + csv) instead of the shipped ones",
            "  --no-records      post no reference records",
            "  --as ID           post the ceremony under another id (replay it again next to an earlier run)",
            "  --retry-for TIME  keep retrying an event that gets no answer, 503 or 5xx, with backoff, for up to TIME",
            "                    (e.g. 90s, 5m, 500ms; 0: never retry; default $REPLAY_RETRY_FOR, else "
                    + DEFAULT_RETRY_FOR.toSeconds() + "s)",
            "  --help            this text");

    private CommandLine() {}

    /** Null when help was asked for. */
    static Options parse(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            throw new UsageException("say what to do: import or replay");
        }
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.contains("--help") || rest.contains("-h")) {
            return null;
        }
        String verb = rest.remove(0);
        Options.Command command = switch (verb) {
            case "import" -> Options.Command.IMPORT;
            case "replay" -> Options.Command.REPLAY;
            default -> throw new UsageException("unknown command '" + verb + "': use import or replay");
        };
        List<String> ingest = new ArrayList<>();
        String envIngest = blankToNull(env.get("INGEST_URL"));
        String retryFor = blankToNull(env.get("REPLAY_RETRY_FOR"));
        String retryForSource = "REPLAY_RETRY_FOR";
        String token = blankToNull(env.get("INGEST_TOKEN"));
        String speed = null;
        String paceMs = null;
        Path records = null;
        boolean noRecords = false;
        String asId = null;
        String ceremony = null;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            switch (arg) {
                case "--ingest" -> ingest.add(value(rest, ++i, arg, "ingest's base URL, e.g. " + DEFAULT_INGEST));
                case "--retry-for" -> {
                    retryFor = value(rest, ++i, arg, "how long to keep retrying, e.g. 90s or 5m (0: never)");
                    retryForSource = arg;
                }
                case "--token" -> token = value(rest, ++i, arg, "an editor token of ingest");
                case "--speed" -> speed = value(rest, ++i, arg, "a number (10: ten times faster) or max");
                case "--pace-ms" -> paceMs = value(rest, ++i, arg, "milliseconds between two announcements");
                case "--records" -> records = Path.of(value(rest, ++i, arg, "a folder of reference records"));
                case "--no-records" -> noRecords = true;
                case "--as" -> asId = value(rest, ++i, arg, "a ceremony id, e.g. academy-awards-89-rerun");
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    if (ceremony != null) {
                        throw new UsageException("one ceremony at a time: got '" + ceremony + "' and '" + arg + "'");
                    }
                    ceremony = arg;
                }
            }
        }
        if (ceremony == null) {
            throw new UsageException("name the ceremony: a built-in id (" + String.join(", ", CeremonyImportLoader.BUILT_IN)
                    + "), a data folder or a .json file");
        }
        if (token == null) {
            throw new UsageException("give an editor token: --token TOKEN or INGEST_TOKEN (one of ingest's INGEST_TOKENS)");
        }
        if (records != null && noRecords) {
            throw new UsageException("--records and --no-records contradict each other: pick one");
        }
        if (command == Options.Command.IMPORT && (speed != null || paceMs != null)) {
            throw new UsageException("import posts no announcements, so it takes no --speed or --pace-ms: use replay");
        }
        if (speed != null && paceMs != null) {
            throw new UsageException("--speed and --pace-ms contradict each other: pick one");
        }
        if (ingest.isEmpty()) {
            ingest.add(envIngest == null ? DEFAULT_INGEST : envIngest);
        }
        return new Options(command, urls(ingest), token, ceremony, pacing(speed, paceMs), records, noRecords, asId,
                retryFor == null ? DEFAULT_RETRY_FOR : duration(retryFor, retryForSource));
    }

    /** Every URL of every --ingest (each may be a comma list), in order, each once. */
    private static List<String> urls(List<String> values) {
        List<String> urls = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
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

    /** "90s", "5m", "1h", "500ms", "0", a bare number of seconds, or ISO-8601 "PT1M30S". */
    static Duration duration(String text, String source) {
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
            throw new UsageException(source + " needs a duration such as 90s, 5m or 500ms (0: never retry), not '"
                    + text + "'");
        }
    }

    private static Pacing pacing(String speed, String paceMs) {
        if (paceMs != null) {
            try {
                long ms = Long.parseLong(paceMs);
                if (ms < 0) {
                    throw new NumberFormatException();
                }
                return Pacing.fixed(Duration.ofMillis(ms));
            } catch (NumberFormatException e) {
                throw new UsageException("--pace-ms needs a whole number of milliseconds (0 or more), not '" + paceMs + "'");
            }
        }
        if (speed == null) {
            return Pacing.realTime(1);
        }
        if (speed.toLowerCase(Locale.ROOT).equals("max")) {
            return Pacing.fastest();
        }
        try {
            double n = Double.parseDouble(speed.endsWith("x") ? speed.substring(0, speed.length() - 1) : speed);
            return Pacing.realTime(n);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed needs a positive number (10: ten times faster than the show) or max,"
                    + " not '" + speed + "'");
        }
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

    private static String value(List<String> args, int i, String option, String what) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value: " + what);
        }
        return args.get(i);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
