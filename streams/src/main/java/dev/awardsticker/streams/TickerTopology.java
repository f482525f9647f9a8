package dev.awardsticker.streams;

import dev.awardsticker.contract.Topics;
import dev.awardsticker.streams.alltime.AllTimeProcessor;
import dev.awardsticker.streams.ceremony.CeremonyProcessor;
import dev.awardsticker.streams.ceremony.CeremonyStore;
import dev.awardsticker.streams.ceremony.DeadLetters;
import dev.awardsticker.streams.ceremony.EventOutcomes;
import dev.awardsticker.streams.ceremony.UpdatePublisher;
import dev.awardsticker.streams.derived.DerivedProcessor;
import dev.awardsticker.streams.record.RecordsLoader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The whole Streams app in one place: two topologies, each run as an app of its own ({@link TickerStreams}).
 *
 * <pre>
 * live ({@link #build}): the lean transaction a screen waits for
 *   ceremony-commands ──> ceremony processor ──┬─> ceremony-updates (one numbered update per command that
 *                         (one store: head,    │                    changed something: its verdict, ACCEPTED)
 *                          definition, winners,├─> win-verdicts (DUPLICATE/REJECTED: commands with no update)
 *                          seen event ids)     └─> dead-letters (unreadable input only)
 *   award-records ──> global store (read by it)
 *
 * derived ({@link #derived}): everything built from the updates, may lag
 *   ceremony-updates ──> derived processor ──┬─> ceremony-tallies, ceremony-leaderboard
 *                                            ├─> award-records (RecordUpdated)
 *                                            ├─> award-history (each ceremony once decided: the awards' history)
 *                                            └─> ceremony-tallies-by-subject ──> all-time processor ──> all-time-tallies
 * </pre>
 *
 * A live command's transaction writes one output record, in one partition of the ceremony's: its update (which is
 * its ACCEPTED verdict) or, if it changed nothing, its verdict on {@code win-verdicts}; plus its state change (one
 * partition of the one changelog) and the consumer offsets: nothing derived. The derived topics lag the
 * live updates by one to two commit intervals of the derived app
 * ({@link StreamsAppConfig#DERIVED_COMMIT_INTERVAL_MS}): about 100 to 300 ms, more while it catches up after a
 * restart. A reader tells how far behind a leaderboard is from its {@code seq}.
 *
 * <p>Commands are read as raw bytes so that a record that can't be parsed is dead-lettered by us (with the reason)
 * instead of stopping the app.
 */
public final class TickerTopology {
    private TickerTopology() {}

    public static Topology build() {
        return build(EventOutcomes.NONE);
    }

    /** The live app. @param outcomes told what became of each processed command (for metrics) */
    public static Topology build(EventOutcomes outcomes) {
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();
        StringSerializer keyOut = new StringSerializer();
        ByteArraySerializer valueOut = new ByteArraySerializer();

        Topology topology = new Topology();
        topology.addSource("commands", keys, values, Topics.CEREMONY_COMMANDS);
        topology.addProcessor("ceremony", () -> new CeremonyProcessor(outcomes), "commands");
        // One store for all of a ceremony's state, so a command's state change is one changelog partition. In
        // memory, restored from its changelog after a crash: small per ceremony.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyStore.STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.RECORDS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "award-records", keys, values, Topics.AWARD_RECORDS, "award-records-loader", RecordsLoader::new);

        topology.addSink(UpdatePublisher.UPDATES_SINK, Topics.CEREMONY_UPDATES, keyOut, valueOut, "ceremony");
        topology.addSink(UpdatePublisher.VERDICTS_SINK, Topics.WIN_VERDICTS, keyOut, valueOut, "ceremony");
        topology.addSink(DeadLetters.SINK, Topics.DEAD_LETTERS, keyOut, valueOut, "ceremony");
        return topology;
    }

    /**
     * The derived app: tallies, leaderboards, by-subject tallies and reference records from the updates (one
     * sub-topology), all-time totals from the by-subject tallies (another). An app of its own, not part of
     * {@link #build}: in one stream thread its transactions would run between the live ones and hold wins back.
     */
    public static Topology derived() {
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();
        StringSerializer keyOut = new StringSerializer();
        ByteArraySerializer valueOut = new ByteArraySerializer();
        Topology topology = new Topology();

        topology.addSource("updates", keys, values, Topics.CEREMONY_UPDATES);
        topology.addProcessor("derived", DerivedProcessor::new, "updates");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DerivedProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()), "derived");
        topology.addSink(DerivedProcessor.TALLIES_SINK, Topics.TALLIES, keyOut, valueOut, TickerTopology::byCeremony,
                "derived");
        topology.addSink(DerivedProcessor.LEADERBOARD_SINK, Topics.LEADERBOARD, keyOut, valueOut, "derived");
        topology.addSink(DerivedProcessor.TALLIES_BY_SUBJECT_SINK, Topics.TALLIES_BY_SUBJECT, keyOut, valueOut,
                TickerTopology::byAward, "derived");
        topology.addSink(DerivedProcessor.RECORDS_SINK, Topics.AWARD_RECORDS, keyOut, valueOut, "derived");
        topology.addSink(DerivedProcessor.HISTORY_SINK, Topics.AWARD_HISTORY, keyOut, valueOut, "derived");

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
     * the other ceremony topics are: one ceremony's tallies are in one partition, next to its updates.
     */
    static Optional<Set<Integer>> byCeremony(String topic, String key, byte[] value, int partitions) {
        return byFirstPart(key, partitions);
    }

    /**
     * All-time keys ({@code award|kind|name[|ceremony]}) go by award: a subject's ceremonies meet in one task, and
     * an update's tallies go to one partition of the by-subject topic, not up to all of them.
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
