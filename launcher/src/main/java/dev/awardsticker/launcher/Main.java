package dev.awardsticker.launcher;

import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.gateway.push.WebhookConfig;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.ingest.replay.ReplaySummary;
import dev.awardsticker.ingest.replay.Replayer;
import dev.awardsticker.launcher.watch.LiveWatcher;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo: the whole pipeline on an embedded broker (or KAFKA_BOOTSTRAP_SERVERS), then the 74th Golden
 * Globes replayed through ingest at REPLAY_PACE_MS per award, with every update (an award and all it set off:
 * tallies, standings, alerts) printed on one line as a viewer's WebSocket receives it. Ctrl-C stops everything.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        long pace = Long.parseLong(env.getOrDefault("REPLAY_PACE_MS", "1500"));
        boolean exitAfterReplay = Boolean.parseBoolean(env.getOrDefault("EXIT_AFTER_REPLAY", "false"));
        // A fresh random token per run: the demo needs one editor, and no secret lives in the repo.
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Pipeline.Settings settings = new Pipeline.Settings(blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                Integer.parseInt(env.getOrDefault("INGEST_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("GATEWAY_PORT", "8080")),
                env.getOrDefault("STREAMS_APPLICATION_ID", "awards-ticker-streams"), "demo-editor", token,
                Integer.parseInt(env.getOrDefault("EMBEDDED_KAFKA_PORT", "9092")));

        say("Starting the awards ticker (" + (settings.bootstrapServers() == null ? "embedded Kafka broker"
                : "Kafka at " + settings.bootstrapServers()) + ") ...");
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(settings, WebhookConfig.fromEnv());
        } catch (RuntimeException e) {
            System.err.println("Could not start the pipeline: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping ...");
            pipeline.close();
            stopped.countDown();
        }, "launcher-shutdown"));

        CeremonyImport ceremony = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        String id = ceremony.definition().id();
        say("Ready. Watch live: http://localhost:" + pipeline.gatewayPort() + "/?ceremony=" + id);
        say("Editors' API: " + pipeline.ingestUrl() + " (token for this run: " + token + ")");
        say("Kafka: " + pipeline.bootstrapServers() + " (import the Academy Awards' history: java -jar"
                + " replay/target/replay.jar history --kafka " + pipeline.bootstrapServers() + ")");

        String lastEvent = Replayer.eventId(id, ceremony.results().get(ceremony.results().size() - 1).order());
        CompletableFuture<Void> lastFrame = new CompletableFuture<>();
        LiveWatcher watcher = LiveWatcher.watch(pipeline.vertx(), "localhost", pipeline.gatewayPort(), id, received -> {
            say(describe(received));
            if (lastEvent.equals(received.update().eventId())) {
                lastFrame.complete(null);
            }
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Replayer replayer = new Replayer(pipeline.vertx(), pipeline.ingestUrl(), token, Main::say);
        say("Replaying " + ceremony.definition().title() + ": " + ceremony.results().size() + " awards, one every "
                + pace + " ms");
        ReplaySummary summary = replayer.replay(ceremony, ReferenceRecordsLoader.before(ceremony.definition()),
                Duration.ofMillis(pace)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        try {
            lastFrame.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            say("The last award's update did not reach the WebSocket within 10 s; the summary may be partial.");
        }
        report(summary, watcher);

        if (exitAfterReplay) {
            System.exit(summary.succeeded() ? 0 : 1);
        }
        say("Still live at http://localhost:" + pipeline.gatewayPort() + "/?ceremony=" + id + " - Ctrl-C to stop.");
        stopped.await();
    }

    private static void report(ReplaySummary summary, LiveWatcher watcher) {
        List<LiveWatcher.Received> received = watcher.received();
        // One update per win (or correction): its frame carries the winner, the tallies and any alert at once.
        List<LiveWatcher.Received> awards = received.stream()
                .filter(r -> !r.update().changesOf(WinnerDeclared.class).isEmpty()).toList();
        List<Long> ingestToFrame = awards.stream().map(LiveWatcher.Received::latencyMs).toList();
        say("Summary: " + summary.winsPosted() + " wins accepted, " + summary.failures().size() + " failures; "
                + received.size() + " live updates received, " + watcher.changes(RecordAlert.class).size() + " alerts"
                + (summary.definition() != null && summary.definition().unchanged()
                        ? "; the definition was unchanged (the ticker held it already)" : ""));
        // Ingest answers once Kafka has the win (acks=all) and the Streams app has judged it (exactly-once).
        List<Long> answerToFrame = awards.stream()
                .filter(r -> summary.answeredAtMillis().containsKey(r.update().eventId()))
                .map(r -> r.receivedAtMillis() - summary.answeredAtMillis().get(r.update().eventId())).toList();
        say("  submit -> answer (acks=all + verdict): " + LatencyStats.of(summary.submitLatenciesMs()));
        say("  ingest accepted -> WebSocket frame:    " + LatencyStats.of(ingestToFrame));
        say("  answer -> WebSocket frame:             " + LatencyStats.of(answerToFrame)
                + " (negative: the frame came first)");
        watcher.changes(TallyUpdated.class).stream()
                .filter(t -> t.subject() == TallyUpdated.Subject.WORK && t.name().equals("La La Land"))
                .reduce((a, b) -> b)
                .ifPresent(t -> say("  La La Land: " + t.wins() + " wins of " + t.nominations() + " nominations"));
        summary.failures().forEach(f -> say("  FAILED " + f.what() + ": HTTP " + f.status() + " " + f.error()));
    }

    /**
     * One line per update: what the editor's event did (definition, winner withdrawn or declared), how many
     * tallies moved, every alert raised or withdrawn, and how long after ingest accepted it the frame came.
     */
    static String describe(LiveWatcher.Received received) {
        CeremonyUpdate update = received.update();
        List<String> parts = new ArrayList<>();
        for (Change change : update.changes()) {
            // Tallies are counted below; the standings and records move with the awards that are shown.
            if (change instanceof CeremonyDefined d) {
                parts.add("definition: " + d.definition().categories().size() + " categories");
            } else if (change instanceof WinnerWithdrawn w) {
                parts.add(w.category() + ": " + w.nominee() + " withdrawn");
            } else if (change instanceof WinnerDeclared w) {
                parts.add(w.category() + " -> " + w.nominee()
                        + (w.work() == null || w.work().equals(w.nominee()) ? "" : " (" + w.work() + ")")
                        + (w.tie() ? " (tie)" : ""));
            } else if (change instanceof AlertWithdrawn a) {
                parts.add("alert withdrawn: " + a.headline());
            } else if (change instanceof RecordAlert a) {
                parts.add("*** " + a.headline());
            }
        }
        int tallies = update.changesOf(TallyUpdated.class).size();
        return "  #" + update.seq() + " " + String.join("; ", parts)
                + (tallies == 0 ? "" : "  [" + tallies + (tallies == 1 ? " tally" : " tallies") + "]")
                + "  (" + received.latencyMs() + " ms after ingest)";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void say(String line) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf("[%6.1fs] %s%n", uptime / 1000.0, Objects.requireNonNullElse(line, ""));
    }
}
