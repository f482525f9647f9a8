package dev.awardsticker.streams;

import dev.awardsticker.contract.Topics;
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
 * The whole Streams app in one place. Definitions and editor events are read as raw bytes into one processor
 * so a record that can't be parsed is dead-lettered by us (with the reason) instead of stopping the app.
 *
 * <pre>
 * ceremony-definitions ─┐                        ┌─> ceremony-updates (every change, numbered)
 *                       ├─> ceremony processor ──┼─> ceremony-tallies (compacted, latest per subject)
 * ceremony-wins ────────┘   (state, event ids)   ├─> win-verdicts, award-records (new records)
 * award-records ──> global store (read by it)    └─> dead-letters
 * </pre>
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
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.EVENT_ID_STORE),
                Serdes.String(), Serdes.ByteArray()), "ceremony");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CeremonyProcessor.RECORDS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "award-records", keys, values, Topics.AWARD_RECORDS, "award-records-loader", RecordsLoader::new);

        topology.addSink(CeremonyProcessor.UPDATES_SINK, Topics.CEREMONY_UPDATES, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.TALLIES_SINK, Topics.TALLIES, keyOut, valueOut, TickerTopology::byCeremony,
                "ceremony");
        topology.addSink(CeremonyProcessor.VERDICTS_SINK, Topics.WIN_VERDICTS, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.RECORDS_SINK, Topics.AWARD_RECORDS, keyOut, valueOut, "ceremony");
        topology.addSink(CeremonyProcessor.DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, keyOut, valueOut, "ceremony");
        return topology;
    }

    /**
     * Tallies are keyed per subject ({@code ceremony|kind|name}) for compaction but partitioned by ceremony, as
     * the other topics are: one transaction then touches one tallies partition instead of all of them, which
     * keeps the exactly-once commit (and so every alert) fast.
     */
    static Optional<Set<Integer>> byCeremony(String topic, String key, byte[] value, int partitions) {
        String ceremony = key.substring(0, key.indexOf('|'));
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(ceremony.getBytes(StandardCharsets.UTF_8))) % partitions));
    }
}
