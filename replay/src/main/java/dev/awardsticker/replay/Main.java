package dev.awardsticker.replay;

import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Imports a ceremony into a running ingest, or replays it: every announcement and correction in the show's
 * order, at its own pace sped up or at a fixed gap, one progress line each and a summary at the end.
 * Exit codes: 0 every request succeeded, 1 something failed (ingest said no, or could not be reached, or a data
 * file is wrong), 2 the command line is wrong.
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
        try {
            options = CommandLine.parse(args, env);
            if (options == null) {
                out.println(CommandLine.USAGE);
                return OK;
            }
            ceremony = CeremonySource.load(options.ceremony());
            if (options.asId() != null) {
                ceremony = ceremony.withCeremonyId(options.asId());
            }
            records = CeremonySource.records(options, ceremony);
        } catch (UsageException e) {
            err.println("replay: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE;
        } catch (RuntimeException e) {
            // A data file that is there but wrong: the loaders' messages name the file and line.
            err.println("replay: could not read the ceremony: " + e.getMessage());
            return FAILED;
        }
        Vertx vertx = Vertx.vertx();
        try {
            Replayer replayer = new Replayer(vertx, options.ingestUrl(), options.token(), out::println);
            String id = ceremony.definition().id();
            ReplaySummary summary;
            if (options.command() == Options.Command.IMPORT) {
                out.println("Importing " + ceremony.definition().title() + " as " + id + " into " + options.ingestUrl()
                        + ": " + records.size() + " reference records, " + ceremony.definition().categories().size()
                        + " categories");
                summary = await(replayer.define(ceremony, records));
            } else {
                out.println("Replaying " + ceremony.definition().title() + " as " + id + " into " + options.ingestUrl()
                        + ": " + ceremony.steps().size() + " events (" + ceremony.results().size() + " announcements, "
                        + ceremony.corrections().size() + " corrections), " + options.pacing().describe());
                summary = await(replayer.replay(ceremony, records, options.pacing()));
            }
            SummaryReport.lines(summary).forEach(out::println);
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

    private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
