package dev.awardsticker.replay;

import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.ingest.replay.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Imports a ceremony into a running ingest, or replays it: every announcement and correction in the show's
 * order, at its own pace sped up or at a fixed gap, one progress line each and a summary at the end.
 * Exit codes: 0 every request succeeded, 1 something failed (ingest said no, or could not be reached for the
 * whole --retry-for, or a data file is wrong), 2 the command line is wrong. A submit that gets no answer, a 503 or
 * another 5xx is retried with the same event id, with backoff and failing over between the --ingest URLs, for up to
 * --retry-for; after that the replay stops there and says how to go on.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** The whole command, without exiting the JVM (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options options;
        CeremonyImport ceremony;
        List<RecordReference> records;
        String usage = null;
        if (args.length > 0 && args[0].equals("history")) {
            return HistoryCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err, env);
        }
        try {
            Cli.Parsed parsed = Cli.parse(args, env);
            if (parsed.help() != null) {
                out.print(parsed.help());
                return OK;
            }
            usage = parsed.usage();
            options = parsed.options();
            ceremony = CeremonySource.load(options.ceremony());
            if (options.asId() != null) {
                ceremony = ceremony.withCeremonyId(options.asId());
            }
            records = CeremonySource.records(options, ceremony);
        } catch (UsageException e) {
            err.println("replay: " + e.getMessage());
            err.print(usage != null ? usage : e.usage());
            return USAGE;
        } catch (RuntimeException e) {
            // A data file that is there but wrong: the loaders' messages name the file and line.
            err.println("replay: could not read the ceremony: " + e.getMessage());
            return FAILED;
        }
        Vertx vertx = Vertx.vertx();
        try {
            Replayer replayer = new Replayer(vertx, options.ingestUrls(), options.token(),
                    RetryPolicy.retryFor(options.retryFor()), out::println);
            String into = String.join(", ", options.ingestUrls());
            String id = ceremony.definition().id();
            ReplaySummary summary;
            if (options.command() == Options.Command.IMPORT) {
                out.println("Importing " + ceremony.definition().title() + " as " + id + " into " + into
                        + ": " + records.size() + " reference records, " + ceremony.definition().categories().size()
                        + " categories");
                summary = await(replayer.define(ceremony, records));
            } else {
                out.println("Replaying " + ceremony.definition().title() + " as " + id + " into " + into
                        + ": " + ceremony.steps().size() + " events (" + ceremony.results().size() + " announcements, "
                        + ceremony.corrections().size() + " corrections), " + options.pacing().describe());
                summary = await(replayer.replay(ceremony, records, options.pacing()));
            }
            SummaryReport.lines(summary).forEach(out::println);
            if (summary.abandoned() != null) {
                gaveUp(summary.abandoned(), options).forEach(err::println);
            }
            return summary.succeeded() ? OK : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("replay: interrupted");
            return FAILED;
        } catch (ExecutionException e) {
            err.println("replay: " + e.getCause());
            return FAILED;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Which event, where it was sent, for how long, and what to do now. */
    static List<String> gaveUp(ReplaySummary.Abandoned abandoned, Options options) {
        String retry = options.retryFor().isZero() ? "without retrying (--retry-for 0)"
                : "after " + abandoned.attempts() + (abandoned.attempts() == 1 ? " attempt" : " attempts") + " in "
                + RetryPolicy.seconds(abandoned.waitedMs()) + " (--retry-for "
                + RetryPolicy.retryFor(options.retryFor()).budgetText().replace(" ", "") + ")";
        return List.of(
                "replay: gave up on " + abandoned.what() + " (" + abandoned.label() + ") " + retry + "; tried "
                        + String.join(", ", abandoned.urlsTried()) + "; last: " + abandoned.problem(),
                "replay: stopped there: " + abandoned.notPosted() + " event" + (abandoned.notPosted() == 1 ? "" : "s")
                        + " not posted. Check that ingest runs at " + String.join(" or ", options.ingestUrls())
                        + " (GET /ready), then run the same command again: event ids are deterministic, so what was"
                        + " accepted answers DUPLICATE and nothing is posted twice. --retry-for 5m waits longer,"
                        + " and another --ingest URL adds an instance to fail over to.");
    }

    private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
