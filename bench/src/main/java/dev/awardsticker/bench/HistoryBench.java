package dev.awardsticker.bench;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
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
 * first write until the last win of every ceremony has its {@code WinnerDeclared} readable with read_committed.
 *
 * <p>Two shapes ({@code BENCH_HISTORY}):
 * <ul>
 *   <li>{@code editions} (default): what a bulk import of an award's archive feeds the app, e.g. every Golden Globes
 *   since 1944. BENCH_WINS (10,000) wins as {@code BENCH_WINS / 25} editions (400) of 25 categories x 5 nominees, one winner per category;
 *   the definitions of all editions are written first (and flushed), then every edition's 25 wins in order, keyed
 *   by ceremony id as in production (so spread over the input partitions). The definitions are written inside the
 *   timed window, so their processing is timed too. Every record gets a strictly increasing timestamp, so Streams never takes a win before its definition.</li>
 *   <li>{@code one-ceremony}: one artificial ceremony of BENCH_WINS / 20 categories of 20 nominees, every category's
 *   later winners ties (so every win is accepted). Its definition is published and processed before the timed
 *   window; only the wins are timed.</li>
 * </ul>
 * It also prints how many transactions the live app committed while the history went through (Kafka Streams' own
 * {@code commit-total} metric).
 *
 * <p>Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.HistoryBench}.
 */
public final class HistoryBench {
    private static final int ONE_CEREMONY_NOMINEES = 20;
    private static final int EDITION_CATEGORIES = 25;
    private static final int EDITION_NOMINEES = 5;

    private HistoryBench() {}

    record Result(String shape, int wins, int ceremonies, long declared, long updates, double seconds, long commits) {}

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
                TopicReader.fromStart(reader, Topics.CEREMONY_UPDATES);

                // The last win of each ceremony: when all of these are declared, the history is through.
                Map<String, String> lastWins = new HashMap<>();
                editions.forEach(e -> lastWins.put(e.definition().id(), e.wins().get(e.wins().size() - 1).eventId()));
                boolean definitionsTimed = !shape.equals("one-ceremony");
                // Send time, made strictly increasing: a task reads its two input partitions in timestamp order. (Not
                // back-dated: the Streams app treats records written moments ago as live input and commits them at
                // once, as it would for an import fed through ingest.)
                long[] clock = {0};
                java.util.function.LongSupplier next = () -> clock[0] = Math.max(System.currentTimeMillis(), clock[0] + 1);
                if (!definitionsTimed) {
                    CeremonyDefinition definition = editions.get(0).definition();
                    producer.send(new ProducerRecord<>(Topics.CEREMONY_DEFINITIONS, null, next.getAsLong(), definition.id(),
                            Json.bytes(definition))).get();
                    long defined = drainUntil(reader, Map.of(), 60_000, 0)[1];
                    out.printf("definition of %d categories x %d nominees published and processed (%d updates), "
                            + "before the timed window%n", definition.categories().size(), ONE_CEREMONY_NOMINEES, defined);
                }
                int warmUpWins = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_WINS", "2000"));
                if (definitionsTimed && warmUpWins > 0) {
                    // Untimed: a smaller history of another award first, so the JIT has compiled the whole path
                    // (broker, Streams, serialisation) before the measured one, as FanoutBench warms up too.
                    List<Edition> warm = editions(warmUpWins, "warm-up-awards");
                    Map<String, String> warmLast = new HashMap<>();
                    warm.forEach(e -> warmLast.put(e.definition().id(), e.wins().get(e.wins().size() - 1).eventId()));
                    long warmStart = System.nanoTime();
                    send(producer, reader, warm, next);
                    drainUntil(reader, warmLast, 600_000, warmStart);
                    out.printf("warm-up (untimed): %d wins of %d editions of another award in %.2f s%n", warmUpWins,
                            warm.size(), (System.nanoTime() - warmStart) / 1e9);
                }
                long commitsBefore = liveCommits(streams);
                long start = System.nanoTime();
                long definitionUpdates = 0;
                if (definitionsTimed) {
                    definitionUpdates = send(producer, reader, editions, next);
                    out.printf("  %d definitions processed after %.2f s%n", editions.size(),
                            (System.nanoTime() - start) / 1e9);
                } else {
                    sendWins(producer, editions, next);
                }
                double sentSeconds = (System.nanoTime() - start) / 1e9;
                long[] counts = drainUntil(reader, lastWins, 600_000, start);
                counts[1] += definitionUpdates;
                if (counts[2] > 0) {
                    out.println("incomplete; verdicts other than ACCEPTED: " + notAccepted(bootstrap));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long commits = liveCommits(streams) - commitsBefore;
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                boolean complete = counts[2] == 0;
                out.printf("%nhistory shape %s: %d ceremonies, %d wins%s; all written after %.2f s; %s after %.2f s; "
                                + "%d WinnerDeclared, %d updates; %d live-app commits (transactions)%n",
                        shape, editions.size(), totalWins,
                        definitionsTimed ? " (definitions written and processed inside the timed window)"
                                : " (definition processed before the timed window)",
                        sentSeconds, complete ? "every ceremony's last WinnerDeclared readable (read_committed)"
                                : "INCOMPLETE: " + counts[2] + " ceremonies still missing their last win",
                        seconds, counts[0], counts[1], commits);
                out.printf("RESULT history=%s wins=%d ceremonies=%d seconds=%.2f wins_per_s=%.0f complete=%s "
                                + "commit_interval_ms=%d commits=%d cores=%d loadavg=\"%s\"%n", shape, totalWins,
                        editions.size(), seconds, counts[0] / seconds, complete, commitIntervalMs, commits,
                        Runtime.getRuntime().availableProcessors(), load);
                return new Result(shape, totalWins, editions.size(), counts[0], counts[1], seconds, commits);
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

    /**
     * An import, as ingest's importer does it: the archive's definitions, and once they are in, its results. Returns
     * the updates read while waiting for the definitions.
     *
     * <p>Waiting for the definitions to be processed matters: with Streams' {@code max.task.idle.ms=0}, a task whose
     * definitions partition has more on the broker than one fetch brought (2 MB of definitions here, 1 MB per
     * partition and fetch) goes on with the wins partition, and judges wins before their definitions ("not
     * defined"). A larger {@code max.task.idle.ms} fixes that but held some live wins back for the whole idle time
     * (docs/perf-notes.md).
     */
    private static long send(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> reader,
                             List<Edition> editions, java.util.function.LongSupplier timestamps) {
        for (Edition edition : editions) {
            producer.send(new ProducerRecord<>(Topics.CEREMONY_DEFINITIONS, null, timestamps.getAsLong(),
                    edition.definition().id(), Json.bytes(edition.definition())));
        }
        producer.flush();
        java.util.Set<String> undefined = new java.util.HashSet<>();
        editions.forEach(e -> undefined.add(e.definition().id()));
        long updates = 0;
        long deadline = System.currentTimeMillis() + 600_000;
        while (!undefined.isEmpty() && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(50))) {
                updates++;
                undefined.remove(record.key());
            }
        }
        sendWins(producer, editions, timestamps);
        return updates;
    }

    private static void sendWins(KafkaProducer<String, byte[]> producer, List<Edition> editions,
                                 java.util.function.LongSupplier timestamps) {
        for (Edition edition : editions) {
            for (WinAnnounced win : edition.wins()) {
                producer.send(new ProducerRecord<>(Topics.CEREMONY_WINS, null, timestamps.getAsLong(),
                        edition.definition().id(), Json.bytes(win)));
            }
        }
        producer.flush();
    }

    /** Verdicts other than ACCEPTED, counted by status and reason (what kept a history from completing). */
    private static Map<String, Integer> notAccepted(String bootstrap) {
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        try (KafkaConsumer<String, byte[]> verdicts = TopicReader.open(bootstrap, "read_committed", Map.of())) {
            TopicReader.fromStart(verdicts, Topics.WIN_VERDICTS);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                for (ConsumerRecord<String, byte[]> record : verdicts.poll(Duration.ofMillis(200))) {
                    quietSince = System.currentTimeMillis();
                    WinVerdict verdict = Json.read(record.value(), WinVerdict.class);
                    if (verdict.status() != WinVerdict.Status.ACCEPTED) {
                        String reason = verdict.status() + ": " + String.valueOf(verdict.reason())
                                .replaceAll("'[^']*'", "'...'");
                        reasons.merge(reason, 1, Integer::sum);
                    }
                }
            }
        }
        return reasons;
    }

    /** Transactions the live app (not the all-time one) has committed so far: Kafka Streams' thread commit-total. */
    private static long liveCommits(TickerStreams streams) {
        double sum = 0;
        for (Meter meter : streams.registry().getMeters()) {
            String thread = meter.getId().getTag("thread.id");
            if (meter.getId().getName().equals("kafka.stream.thread.commit.total") && thread != null
                    && !thread.contains("all-time") && meter instanceof FunctionCounter counter) {
                sum += counter.count();
            }
        }
        return (long) sum;
    }

    /**
     * Reads ceremony-updates until every ceremony in {@code lastWins} has its last win declared (or, when the map is
     * empty, until 2 s pass with nothing new). Returns {declared, updates, ceremonies still missing}.
     */
    private static long[] drainUntil(KafkaConsumer<String, byte[]> reader, Map<String, String> lastWins,
                                     long timeoutMs, long startNanos) {
        Map<String, String> missing = new HashMap<>(lastWins);
        long declared = 0;
        long updates = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            boolean any = false;
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(50))) {
                any = true;
                updates++;
                CeremonyUpdate update = Json.read(record.value(), CeremonyUpdate.class);
                if (update.change() instanceof WinnerDeclared) {
                    declared++;
                    if (declared % 1000 == 0 && !lastWins.isEmpty()) {
                        System.out.printf("  %d wins declared after %.2f s%n", declared,
                                (System.nanoTime() - startNanos) / 1e9);
                    }
                    if (update.eventId().equals(missing.get(record.key()))) {
                        missing.remove(record.key());
                    }
                }
            }
            if (!lastWins.isEmpty() && missing.isEmpty()) {
                break;
            }
            if (any) {
                quietSince = System.currentTimeMillis();
            } else if (lastWins.isEmpty() && updates > 0 && System.currentTimeMillis() - quietSince > 2000) {
                break;
            } else if (!lastWins.isEmpty() && System.currentTimeMillis() - quietSince > 30_000) {
                break; // 30 s without a single update: what is missing will not come (see the verdicts printed)
            }
        }
        return new long[] {declared, updates, missing.size()};
    }
}
