package dev.awardsticker.launcher;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.ingest.IngestConfig;
import dev.awardsticker.ingest.IngestService;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import dev.awardsticker.testkit.TopicProbe;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay command against two ingest instances of the whole pipeline, one of which is stopped mid-replay:
 * the command fails over to the other with the same event id and the replay ends with every award of the 74th
 * Golden Globes accepted once, and published once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayFailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EDITOR = "failover-editor";
    private static final String TOKEN = "failover-token-" + UUID.randomUUID();
    /** The replay's progress line of an accepted win: "[8/26] Best ...  202 ACCEPTED seq=9  12 ms". */
    private static final Pattern ACCEPTED = Pattern.compile("^\\[(\\d+)/26\\] .+  202 ACCEPTED seq=\\d+  \\d+ ms$");
    private static final int KILL_AFTER = 8;

    private static KafkaBroker broker;
    private static Pipeline pipeline;
    private static WebClient client;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        broker = kafka;
        pipeline = Pipeline.start(new Pipeline.Settings(broker.bootstrapServers(), 0, 0,
                "failover-" + UUID.randomUUID(), EDITOR, TOKEN));
        client = WebClient.create(pipeline.vertx());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aReplayFailsOverWhenItsIngestStopsAndEndsWithEveryAwardAcceptedOnce() throws Exception {
        IngestService first = startIngest();
        IngestService second = startIngest();
        AtomicBoolean firstClosed = new AtomicBoolean();
        try {
            String firstUrl = "http://127.0.0.1:" + first.port();
            String secondUrl = "http://127.0.0.1:" + second.port();
            awaitReady(firstUrl);
            awaitReady(secondUrl);
            String id = "failover-gg74-" + UUID.randomUUID().toString().substring(0, 8);

            // Once the 8th award is accepted (through the first instance), stop that instance before the 9th is
            // sent: the progress line is printed on the replay's event loop before it sends the next event, so
            // holding it here until the instance is closed puts the stop between two submits. The second instance
            // must know the ceremony by then, or it would rightly refuse a win of an unknown ceremony.
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            PrintStream out = lines(line -> {
                lines.add(line);
                Matcher accepted = ACCEPTED.matcher(line);
                if (accepted.matches() && Integer.parseInt(accepted.group(1)) == KILL_AFTER
                        && firstClosed.compareAndSet(false, true)) {
                    await().atMost(WAIT).until(() -> status(secondUrl + "/ceremonies/" + id) == 200);
                    join(first.close());
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = dev.awardsticker.replay.Main.run(new String[] {"replay", "--ingest", firstUrl,
                    "--ingest", secondUrl, "--token", TOKEN, "--speed", "max", "--no-records", "--retry-for", "60s",
                    "--as", id, "golden-globes-74"}, out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            String transcript = String.join("\n", lines) + "\n" + err.toString(StandardCharsets.UTF_8);

            assertEquals(0, exit, transcript);
            assertTrue(firstClosed.get(), transcript);
            assertTrue(lines.contains("posted 26: accepted 26, duplicates 0, rejected 0, pending 0; corrections 0;"
                    + " failures 0"), transcript);
            // The 9th award went to the stopped instance (on the connection kept open from the 8th, which the stop
            // closed, or on a new one, refused), then with the same event id to the other one.
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("[9/26] ") && l.matches(".*: ingest "
                    + Pattern.quote(firstUrl) + " unreachable \\(connection (closed|refused)\\); retrying at "
                    + Pattern.quote(secondUrl) + " in \\d\\.\\d s \\(waited \\d+\\.\\d s of 60 s\\)")), transcript);
            assertEquals(IntStream.rangeClosed(1, 26).boxed().toList(), lines.stream().map(ACCEPTED::matcher)
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).toList(), transcript);

            // Published once each: 26 WinnerDeclared updates, one per event id, and no other.
            Predicate<ConsumerRecord<String, byte[]>> declared = r -> r.key().equals(id)
                    && !update(r).changesOf(WinnerDeclared.class).isEmpty();
            try (TopicProbe updates = TopicProbe.fromBeginning(broker, Topics.CEREMONY_UPDATES)) {
                updates.await(declared, 26, WAIT);
                List<String> eventIds = updates.drain(declared, Duration.ofMillis(500)).stream()
                        .map(r -> update(r).eventId()).toList();
                assertEquals(IntStream.rangeClosed(1, 26).mapToObj(i -> String.format("%s:win:%02d", id, i)).toList(),
                        eventIds.stream().sorted().toList(), eventIds::toString);
            }
        } finally {
            if (!firstClosed.get()) {
                join(first.close());
            }
            join(second.close());
        }
    }

    /** A print stream handing each line to {@code sink} as it is printed, on the printing thread. */
    private static PrintStream lines(Consumer<String> sink) {
        OutputStream splitter = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    sink.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
        return new PrintStream(splitter, true, StandardCharsets.UTF_8);
    }

    private static IngestService startIngest() {
        return join(IngestService.start(pipeline.vertx(), new IngestConfig(pipeline.bootstrapServers(), "127.0.0.1", 0,
                Map.of(EDITOR, TOKEN), Duration.ofSeconds(5), 1024 * 1024)));
    }

    /** Ready includes reading verdicts: a win sent before that could only be answered PENDING. */
    private static void awaitReady(String baseUrl) {
        await().atMost(WAIT).until(() -> status(baseUrl + "/ready") == 200);
    }

    private static int status(String url) {
        return join(client.getAbs(url).send()).statusCode();
    }

    private static CeremonyUpdate update(ConsumerRecord<String, byte[]> record) {
        return Json.read(record.value(), CeremonyUpdate.class);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
