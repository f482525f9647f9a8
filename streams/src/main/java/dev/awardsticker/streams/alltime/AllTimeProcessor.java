package dev.awardsticker.streams.alltime;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.tally.AllTimeTally;
import dev.awardsticker.contract.tally.CeremonyTally;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Keeps the all-time totals of an award's works and people from each ceremony's current tally (read from
 * {@code ceremony-tallies-by-subject}, which the derived processor writes from the updates)
 * and publishes a subject's totals when they change. Runs in tasks of its own: the live ceremony path never waits
 * for it.
 */
public final class AllTimeProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(AllTimeProcessor.class);

    public static final String STORE = "all-time-store";
    public static final String SINK = "all-time-sink";

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CeremonyTally tally;
        try {
            tally = record.value() == null ? null : Json.read(record.value(), CeremonyTally.class);
        } catch (RuntimeException e) {
            tally = null;
        }
        if (tally == null || tally.award() == null || tally.ceremony() == null || tally.subject() == null
                || tally.name() == null) {
            // Only this app writes the topic, so this is a bug or a stray producer: never stop the totals for it.
            LOG.warn("Skipping an unreadable ceremony tally under key {}", record.key());
            return;
        }
        String key = tally.subjectKey();
        byte[] stored = store.get(key);
        AllTime.PerCeremony before = stored == null ? null : Json.read(stored, AllTime.PerCeremony.class);
        AllTime.PerCeremony after = AllTime.apply(before, tally);
        if (after.equals(before) || before == null && after.ceremonies().isEmpty()) {
            return; // The same value again (a replay), or a zero for a subject never counted: nothing to say.
        }
        if (after.ceremonies().isEmpty()) {
            store.delete(key);
        } else {
            store.put(key, Json.bytes(after));
        }
        AllTimeTally totals = AllTime.totals(after);
        if (!Objects.equals(before == null ? null : AllTime.totals(before), totals)) {
            context.forward(new Record<>(key, Json.bytes(totals), record.timestamp()), SINK);
        }
    }
}
