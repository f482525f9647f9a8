package dev.awardsticker.streams;

import dev.awardsticker.contract.Topics;
import dev.awardsticker.streams.alltime.AllTimeProcessor;
import dev.awardsticker.streams.ceremony.CeremonyProcessor;
import dev.awardsticker.streams.ceremony.EventOutcomes;
import dev.awardsticker.streams.record.RecordsLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The whole Streams app in one place: the live ceremony topology and the all-time totals. Definitions and editor events are read as raw bytes into one processor
 * so a record that can't be parsed is dead-lettered by us (with the reason) instead of stopping the app.
 *
 * <pre>
 * ceremony-definitions ─┐                        ┌─> ceremony-updates (every change, numbered)
 *                       ├─> ceremony processor ──┼─> ceremony-tallies (compacted, latest per subject)
 * ceremony-wins ────────┘   (state, event ids)   ├─> ceremony-leaderboard (compacted, latest per ceremony)
 *                                                ├─> win-verdicts, award-records (new records)
 * award-records ──> global store (read by it)    ├─> dead-letters
 *                                                └─> ceremony-tallies-by-subject
 *
 * ceremony-tallies-by-subject ──> all-time processor (its own app: {@link #allTime}) ──> all-time-tallies
 * </pre>
 * The live path of a ceremony never waits for the all-time totals beyond writing one record per changed tally.
 */
public final class TickerTopology {
    private TickerTopology() {}

    public static Topology build() {
        return build(EventOutcomes.NONE);
    }

    /** @param outcomes told what became of each processed input (for metrics) */
    public static Topology build(EventOutcomes outcomes) {
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();
        StringSerializer keyOut = new StringSerializer();
        ByteArraySerializer valueOut = new ByteArraySerializer();

        Topology topology = new Topology();
        topology.addSource("definitions", keys, values, Topics.CEREMONY_DEFINITIONS);
        topology.addSource("editor-events", keys, values, Topics.CEREMONY_WINS);
        topology.addProcessor("ceremony", () -> new CeremonyProcessor(outcomes), "definitions", "editor-events");
        // In-memory stores backed by changelogs: tiny per ceremony, restored from Kafka after a crash.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.STATE_STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.DEFINITION_STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.WINNERS_STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.EVENT_ID_STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.RECORDS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "award-records", keys, values, Topics.AWARD_RECORDS, "award-records-loader", RecordsLoader::new);

        topology.addSink(CeremonyProcessor.UPDATES_SINK, Topics.CEREMONY_UPDATES, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.TALLIES_SINK, Topics.TALLIES, keyOut, valueOut, TickerTopology::byCeremony,
                "ceremony");
        topology.addSink(CeremonyProcessor.LEADERBOARD_SINK, Topics.LEADERBOARD, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.TALLIES_BY_SUBJECT_SINK, Topics.TALLIES_BY_SUBJECT, keyOut, valueOut,
                TickerTopology::byAward, "ceremony");
        topology.addSink(CeremonyProcessor.VERDICTS_SINK, Topics.WIN_VERDICTS, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.RECORDS_SINK, Topics.AWARD_RECORDS, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, keyOut, valueOut, "ceremony");

        return topology;
    }

    /**
     * All-time totals: every ceremony's tallies of one award meet here, one store entry per work or person. A
     * topology (and app) of its own, not a sub-topology of {@link #build}: in one stream thread its transactions
     * ran between the ceremony's and held live wins back (StreamsLatencyBench on a loaded 2-core machine, ours: p99
     * 0.1 to 0.2 s without it, 1 to 4 s with it), and all-time totals can wait a commit interval where a live win cannot.
     */
    public static Topology allTime() {
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();
        StringSerializer keyOut = new StringSerializer();
        ByteArraySerializer valueOut = new ByteArraySerializer();
        Topology topology = new Topology();
        topology.addSource("tallies-by-subject", keys, values, Topics.TALLIES_BY_SUBJECT);
        topology.addProcessor("all-time", AllTimeProcessor::new, "tallies-by-subject");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AllTimeProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()), "all-time");
        topology.addSink(AllTimeProcessor.SINK, Topics.ALL_TIME_TALLIES, keyOut, valueOut, TickerTopology::byAward,
                "all-time");
        return topology;
    }

    /**
     * Tallies are keyed per subject ({@code ceremony|kind|name}) for compaction but partitioned by ceremony, as
     * the other topics are: one transaction then touches one tallies partition instead of all of them, which
     * keeps the exactly-once commit (and so every alert) fast.
     */
    static Optional<Set<Integer>> byCeremony(String topic, String key, byte[] value, int partitions) {
        return byFirstPart(key, partitions);
    }

    /**
     * All-time keys ({@code award|kind|name[|ceremony]}) go by award: a subject's ceremonies still meet in one task,
     * and a ceremony's transaction adds one partition of the by-subject topic, not up to all of them.
     */
    static Optional<Set<Integer>> byAward(String topic, String key, byte[] value, int partitions) {
        return byFirstPart(key, partitions);
    }

    /** Like the default partitioner (murmur2 of the key), applied to the key up to its first '|'. */
    private static Optional<Set<Integer>> byFirstPart(String key, int partitions) {
        String first = key.substring(0, key.indexOf('|'));
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(first.getBytes(StandardCharsets.UTF_8))) % partitions));
    }
}
