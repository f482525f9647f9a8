package dev.awardsticker.bench;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.kafka.EmbeddedKafka;
import dev.awardsticker.streams.StreamsAppConfig;
import dev.awardsticker.streams.TickerStreams;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A whole ceremony history through the Streams app (our settings, exactly_once_v2, embedded broker), timed from the
 * first write until every command written has its verdict and the last win of every ceremony its update, both
 * readable with read_committed (the total is the later of the two; both are printed). A command's verdict is its
 * update on {@code ceremony-updates} if it was accepted ({@link WinVerdict#accepted}), else its record on
 * {@code win-verdicts} (DUPLICATE, REJECTED): one per command either way.
 *
 * <p>Two shapes ({@code BENCH_HISTORY}):
 * <ul>
 *   <li>{@code editions} (default): what a bulk import of an award's archive feeds the app, e.g. every Golden Globes
 *   since 1944. BENCH_WINS (10,000) wins as {@code BENCH_WINS / 25} editions (400) of 25 categories x 5 nominees,
 *   one winner per category. Everything goes to {@code ceremony-commands} keyed by ceremony id, as ingest writes an
 *   import: the {@code DefinitionPosted} of every edition, then every edition's 25 wins, in one go (no waiting
 *   between them: a ceremony's definition and its wins share a partition, so the app cannot judge a win before its
 *   definition, whatever the backlog). The definitions are inside the timed window.</li>
 *   <li>{@code one-ceremony}: one artificial ceremony of BENCH_WINS / 20 categories of 20 nominees, every category's
 *   later winners ties (so every win is accepted). Its definition is posted and processed before the timed
 *   window; only the wins are timed.</li>
 * </ul>
 * It also prints how many transactions the live app committed while the history went through (Kafka Streams' own
 * {@code commit-total} metric of the live app's thread, not the derived app's).
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.HistoryBench}.
 */
public final class HistoryBench {
    private static final int ONE_CEREMONY_NOMINEES = 20;
    private static final int EDITION_CATEGORIES = 25;
    private static final int EDITION_NOMINEES = 5;

    private HistoryBench() {}

    /**
     * @param declared updates of the timed history declaring a winner
     * @param updates  updates of the timed history
     * @param verdicts verdicts on the timed history's commands (its updates, and its win-verdicts records)
     * @param seconds  first write to the last update and the last verdict, whichever came later
     */
    record Result(String shape, int wins, int ceremonies, long declared, long updates, long verdicts, double seconds,
                  long commits) {}

    /** One ceremony of the history: its definition and its wins, in the order an import writes them. */
    private record Edition(CeremonyDefinition definition, List<WinAnnounced> wins) {}

    public static void main(String[] args) throws Exception {
        run(System.getenv().getOrDefault("BENCH_HISTORY", "editions"),
                Integer.parseInt(System.getenv().getOrDefault("BENCH_WINS", "10000")), System.out);
        System.exit(0);
    }

    static Result run(String shape, int wins, PrintStream out) throws Exception {
        List<Edition> editions = switch (shape) {
            case "editions" -> editions(wins);
            case "one-ceremony" -> List.of(oneCeremony(wins));
            default -> throw new IllegalArgumentException("BENCH_HISTORY is editions or one-ceremony, not " + shape);
        };
        int totalWins = editions.stream().mapToInt(e -> e.wins().size()).sum();
        // Our production setting unless BENCH_COMMIT_INTERVAL_MS says otherwise (for A/B runs; printed with the result).
        long commitIntervalMs = Long.parseLong(System.getenv().getOrDefault("BENCH_COMMIT_INTERVAL_MS",
                String.valueOf(StreamsAppConfig.DEFAULT_COMMIT_INTERVAL_MS)));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicSetup.ensureTopics(bootstrap, (short) 1);
            try (TickerStreams streams = TickerStreams.start(new StreamsAppConfig(bootstrap, "bench-history",
                    Files.createTempDirectory("bench-history"), commitIntervalMs, 1, -1).withHttpPort(0));
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                         ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024 - 1024),
                         new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> reader = TopicReader.open(bootstrap, "read_committed", Map.of(
                         ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5))) {
                streams.awaitRunning(Duration.ofSeconds(60));
                assignFromStart(reader, Topics.CEREMONY_UPDATES, Topics.WIN_VERDICTS);

                boolean definitionsTimed = !shape.equals("one-ceremony");
                if (!definitionsTimed) {
                    Edition only = editions.get(0);
                    send(producer, List.of(new Edition(only.definition(), List.of())));
                    Progress defined = drainUntil(reader, List.of(new Edition(only.definition(), List.of())),
                            60_000, System.nanoTime(), true, false);
                    out.printf("definition of %d categories x %d nominees posted and processed (%d update), "
                                    + "before the timed window%n", only.definition().categories().size(),
                            ONE_CEREMONY_NOMINEES, defined.updates);
                }
                int warmUpWins = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_WINS", "2000"));
                if (definitionsTimed && warmUpWins > 0) {
                    // Untimed: a smaller history of another award first, so the JIT has compiled the whole path
                    // (broker, Streams, serialisation) before the measured one, as FanoutBench warms up too.
                    List<Edition> warm = editions(warmUpWins, "warm-up-awards");
                    long warmStart = System.nanoTime();
                    send(producer, warm);
                    drainUntil(reader, warm, 600_000, warmStart, true, false);
                    out.printf("warm-up (untimed): %d wins of %d editions of another award in %.2f s%n", warmUpWins,
                            warm.size(), (System.nanoTime() - warmStart) / 1e9);
                }
                long commitsBefore = liveCommits(streams);
                long start = System.nanoTime();
                if (definitionsTimed) {
                    send(producer, editions);
                } else {
                    sendWins(producer, editions);
                }
                double sentSeconds = (System.nanoTime() - start) / 1e9;
                Progress progress = drainUntil(reader, editions, 600_000, start, definitionsTimed, true);
                long commits = liveCommits(streams) - commitsBefore;
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                boolean complete = progress.missingLastWins == 0 && progress.missingVerdicts == 0;
                if (!complete || progress.notAccepted > 0) {
                    out.println("verdicts other than ACCEPTED: " + notAccepted(bootstrap, editions));
                }
                double seconds = Math.max(progress.lastUpdateNanos, progress.lastVerdictNanos) / 1e9;
                out.printf("%nhistory shape %s: %d ceremonies, %d wins%s; all written after %.2f s; %s; "
                                + "last update after %.2f s, last verdict after %.2f s; %d WinnerDeclared in %d updates, "
                                + "%d verdicts (%d not ACCEPTED); %d live-app commits (transactions)%n",
                        shape, editions.size(), totalWins,
                        definitionsTimed ? " (definitions written and processed inside the timed window)"
                                : " (definition processed before the timed window)",
                        sentSeconds, complete ? "every command has its verdict and every ceremony its last win's update"
                                + " (read_committed)" : "INCOMPLETE: " + progress.missingLastWins + " ceremonies "
                                + "missing their last win, " + progress.missingVerdicts + " verdicts missing",
                        progress.lastUpdateNanos / 1e9, progress.lastVerdictNanos / 1e9, progress.declared,
                        progress.updates, progress.verdicts, progress.notAccepted, commits);
                out.printf("RESULT history=%s wins=%d ceremonies=%d seconds=%.2f wins_per_s=%.0f complete=%s "
                                + "commit_interval_ms=%d commits=%d cores=%d loadavg=\"%s\"%n", shape, totalWins,
                        editions.size(), seconds, progress.declared / seconds, complete, commitIntervalMs, commits,
                        Runtime.getRuntime().availableProcessors(), load);
                return new Result(shape, totalWins, editions.size(), progress.declared, progress.updates,
                        progress.verdicts, seconds, commits);
            }
        }
    }

    /**
     * {@code wins / 25} editions (one win per category) ("Bench Awards", editions 1..n) of 25 categories x 5 nominees. A work is nominated
     * in several categories of its edition (so tallies and leaderboards move), nominees credit one person each, and
     * studios repeat across editions. The first nominee of each category wins.
     */
    static List<Edition> editions(int wins) {
        return editions(wins, "bench-awards");
    }

    /** The same shape under another award (its own ids and records), e.g. for the warm-up. */
    static List<Edition> editions(int wins, String award) {
        List<Edition> editions = new ArrayList<>();
        int ceremonies = Math.max(1, wins / EDITION_CATEGORIES);
        for (int e = 1; e <= ceremonies; e++) {
            String id = award + "-" + e;
            int edition = e;
            List<Category> categories = IntStream.range(0, EDITION_CATEGORIES).mapToObj(c -> new Category("C" + c,
                    IntStream.range(0, EDITION_NOMINEES).mapToObj(n -> new Nominee("N" + c + "-" + n,
                            "Work " + edition + "-" + (c + n) % 12,
                            List.of(new Person("Person " + edition + "-" + (c * EDITION_NOMINEES + n) % 40, null)),
                            "Studio " + (c + n + edition) % 15)).toList())).toList();
            CeremonyDefinition definition = new CeremonyDefinition(id, award, edition + "th Bench Awards",
                    edition, LocalDate.of(1600 + edition, 1, 1), "TV", categories);
            List<WinAnnounced> editionWins = IntStream.range(0, EDITION_CATEGORIES).mapToObj(c -> new WinAnnounced(
                    id + "-w" + c, id, "C" + c, "N" + c + "-0", false, System.currentTimeMillis(), "bench")).toList();
            editions.add(new Edition(definition, editionWins));
        }
        return editions;
    }

    static Edition oneCeremony(int wins) {
        int categories = Math.max(1, (wins + ONE_CEREMONY_NOMINEES - 1) / ONE_CEREMONY_NOMINEES);
        String id = "history-" + wins;
        CeremonyDefinition definition = new CeremonyDefinition(id, "bench", "History Awards", 1, LocalDate.of(2020, 1, 1),
                "TV", IntStream.range(0, categories).mapToObj(c -> new Category("C" + c, IntStream.range(0, ONE_CEREMONY_NOMINEES)
                        .mapToObj(n -> new Nominee("N" + c + "-" + n, "W" + (c * ONE_CEREMONY_NOMINEES + n) % 50, List.of(),
                                "S" + n % 5))
                        .toList())).toList());
        List<WinAnnounced> all = IntStream.range(0, wins).mapToObj(i -> {
            int c = i / ONE_CEREMONY_NOMINEES;
            int n = i % ONE_CEREMONY_NOMINEES;
            return new WinAnnounced("w" + i, id, "C" + c, "N" + c + "-" + n, n > 0, System.currentTimeMillis(), "bench");
        }).toList();
        return new Edition(definition, all);
    }

    /** As an import through ingest writes it: every edition's definition, then every edition's wins, in one go. */
    private static void send(KafkaProducer<String, byte[]> producer, List<Edition> editions) {
        for (Edition edition : editions) {
            CeremonyDefinition definition = edition.definition();
            CeremonyCommand posted = new DefinitionPosted("definition-" + definition.id(), definition.id(), definition,
                    System.currentTimeMillis(), "bench");
            producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, definition.id(), Json.bytes(posted)));
        }
        sendWins(producer, editions);
    }

    private static void sendWins(KafkaProducer<String, byte[]> producer, List<Edition> editions) {
        for (Edition edition : editions) {
            for (WinAnnounced win : edition.wins()) {
                CeremonyCommand command = win;
                producer.send(new ProducerRecord<>(Topics.CEREMONY_COMMANDS, edition.definition().id(),
                        Json.bytes(command)));
            }
        }
        producer.flush();
    }

    private static void assignFromStart(KafkaConsumer<String, byte[]> reader, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /**
     * Verdicts other than ACCEPTED on the editions' commands, counted by status and reason: the win-verdicts records
     * (an accepted command's verdict is its update, never a record there).
     */
    private static Map<String, Integer> notAccepted(String bootstrap, List<Edition> editions) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        editions.forEach(e -> ids.add(e.definition().id()));
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        try (KafkaConsumer<String, byte[]> verdicts = TopicReader.open(bootstrap, "read_committed", Map.of())) {
            TopicReader.fromStart(verdicts, Topics.WIN_VERDICTS);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                for (ConsumerRecord<String, byte[]> record : verdicts.poll(Duration.ofMillis(200))) {
                    quietSince = System.currentTimeMillis();
                    WinVerdict verdict = Json.read(record.value(), WinVerdict.class);
                    if (ids.contains(record.key()) && verdict.status() != WinVerdict.Status.ACCEPTED) {
                        String reason = verdict.status() + ": " + String.valueOf(verdict.reason())
                                .replaceAll("'[^']*'", "'...'");
                        reasons.merge(reason, 1, Integer::sum);
                    }
                }
            }
        }
        return reasons;
    }

    /** Transactions the live app (not the derived one) has committed so far: Kafka Streams' thread commit-total. */
    private static long liveCommits(TickerStreams streams) {
        return commits(streams, false);
    }

    /** Transactions committed so far by the live or the derived app: Kafka Streams' thread commit-total. */
    static long commits(TickerStreams streams, boolean derived) {
        double sum = 0;
        for (Meter meter : streams.registry().getMeters()) {
            String thread = meter.getId().getTag("thread.id");
            if (meter.getId().getName().equals("kafka.stream.thread.commit.total") && thread != null
                    && thread.contains("-derived-") == derived && meter instanceof FunctionCounter counter) {
                sum += counter.count();
            }
        }
        return (long) sum;
    }

    /** What {@link #drainUntil} read of the editions' ceremonies, and when the last of it arrived. */
    private static final class Progress {
        long declared;
        long updates;
        /** One per judged command: its update (ACCEPTED) or its win-verdicts record (DUPLICATE, REJECTED). */
        long verdicts;
        long notAccepted;
        long lastUpdateNanos;
        /** When the last verdict came, on either topic. */
        long lastVerdictNanos;
        int missingLastWins;
        int missingVerdicts;
    }

    /**
     * Reads ceremony-updates and win-verdicts until every command of {@code editions} has its verdict (one per
     * command, definitions included: an update is its command's verdict, ACCEPTED; a win-verdicts record is the
     * verdict of a command that published no update) and every edition's last win its update (an edition without
     * wins: its definition's update), or 30 s pass with nothing new. Records of other ceremonies (a warm-up read from the
     * start) are skipped. Times are nanoseconds after {@code startNanos}.
     *
     * @param definitions whether the editions' definitions are among the commands to wait for
     */
    private static Progress drainUntil(KafkaConsumer<String, byte[]> reader, List<Edition> editions, long timeoutMs,
                                       long startNanos, boolean definitions, boolean printProgress) {
        Map<String, String> lastEvents = new HashMap<>();
        long expectedVerdicts = 0;
        for (Edition e : editions) {
            lastEvents.put(e.definition().id(), e.wins().isEmpty() ? null : e.wins().get(e.wins().size() - 1).eventId());
            expectedVerdicts += e.wins().size() + (definitions ? 1 : 0);
        }
        Map<String, String> missing = new HashMap<>();
        lastEvents.forEach((ceremony, last) -> missing.put(ceremony, last == null ? "" : last));
        Progress progress = new Progress();
        long deadline = System.currentTimeMillis() + timeoutMs;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && (!missing.isEmpty() || progress.verdicts < expectedVerdicts)) {
            boolean any = false;
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(50))) {
                if (!lastEvents.containsKey(record.key())) {
                    continue;
                }
                any = true;
                long at = System.nanoTime() - startNanos;
                if (record.topic().equals(Topics.WIN_VERDICTS)) {
                    progress.verdicts++;
                    progress.lastVerdictNanos = at;
                    if (Json.read(record.value(), WinVerdict.class).status() != WinVerdict.Status.ACCEPTED) {
                        progress.notAccepted++;
                    }
                    continue;
                }
                // An update is also its command's verdict: ACCEPTED, at its seq (WinVerdict.accepted(update)).
                progress.updates++;
                progress.lastUpdateNanos = at;
                progress.verdicts++;
                progress.lastVerdictNanos = at;
                CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
                if (!update.changesOf(WinnerDeclared.class).isEmpty()) {
                    progress.declared++;
                    if (printProgress && progress.declared % 1000 == 0) {
                        System.out.printf("  %d wins declared after %.2f s%n", progress.declared, at / 1e9);
                    }
                }
                String last = missing.get(record.key());
                if (last != null && (last.isEmpty() || last.equals(update.eventId()))) {
                    missing.remove(record.key());
                }
            }
            if (any) {
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince > 30_000) {
                break; // 30 s without a single record: what is missing will not come (see the verdicts printed)
            }
        }
        progress.missingLastWins = missing.size();
        progress.missingVerdicts = (int) Math.max(0, expectedVerdicts - progress.verdicts);
        return progress;
    }
}
