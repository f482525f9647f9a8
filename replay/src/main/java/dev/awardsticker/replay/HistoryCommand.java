package dev.awardsticker.replay;

import dev.awardsticker.ingest.history.HistoryFile;
import dev.awardsticker.ingest.history.HistoryImporter;
import dev.awardsticker.ingest.history.HistoryPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code history}: imports an award's whole history (the shipped Academy Awards, 1st to 98th, by default) through
 * the pipeline, Kafka-native (see {@link HistoryImporter}), one line per ceremony; running it again changes nothing.
 */
@Command(name = "history", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Imports an award's whole history into Kafka (each ceremony whole: its definition and winners, in order)"
                + " and waits until the ticker has judged every ceremony. Again: every command answers DUPLICATE.")
final class HistoryCommand {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default:"
            + " $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092)")
    String kafka;

    @Option(names = "--award", paramLabel = "ID", description = "the shipped history of this award (default:"
            + " academy-awards)")
    String award = "academy-awards";

    @Option(names = "--data", paramLabel = "DIR", description = "a history folder (history.properties + its file)"
            + " instead of the shipped one")
    Path data;

    @Option(names = "--from", paramLabel = "N", description = "first edition to import (default: 1)")
    int from = 1;

    @Option(names = "--through", paramLabel = "N", description = "last edition to import (default: all), e.g. 88"
            + " to replay the 89th live on top")
    int through = Integer.MAX_VALUE;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "longest wait for the ticker's answers"
            + " (default: 300)")
    int timeoutSeconds = 300;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        HistoryCommand command = new HistoryCommand();
        CommandLine line = new CommandLine(command).setCommandName(Cli.NAME + " history").setUsageHelpWidth(110);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("replay: " + e.getMessage());
            err.print(line.getUsageMessage());
            return Main.USAGE;
        }
        if (command.help) {
            out.print(line.getUsageMessage());
            return Main.OK;
        }
        String kafka = command.kafka != null ? command.kafka
                : env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        List<HistoryFile.HistoryCeremony> history;
        try {
            history = command.data != null ? HistoryFile.fromDirectory(command.data) : HistoryFile.shipped(command.award);
        } catch (RuntimeException e) {
            err.println("replay: could not read the history: " + e.getMessage());
            return Main.FAILED;
        }
        List<HistoryPlan.Step> plan = HistoryPlan.of(history, command.from, command.through, System.currentTimeMillis());
        out.println("Importing " + plan.size() + " ceremonies of " + history.get(0).definition().award() + " into "
                + kafka + " (ceremony-commands, Kafka-native)");
        try (HistoryImporter importer = new HistoryImporter(kafka, out)) {
            HistoryImporter.Summary summary = importer.run(plan, Duration.ofSeconds(command.timeoutSeconds));
            out.println("Done: " + summary.line());
            summary.rejected().forEach(r -> err.println("rejected: " + r));
            return summary.rejected().isEmpty() ? Main.OK : Main.FAILED;
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("replay: Kafka at " + kafka + " did not answer (" + e.getMessage() + "): start it, or pass"
                    + " --kafka, and run the same command again");
            return Main.FAILED;
        } catch (RuntimeException e) {
            err.println("replay: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
