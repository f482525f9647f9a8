package dev.awardsticker.streams.record;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.streams.ceremony.CeremonyProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the global store of reference records; an unreadable record is logged and skipped, never fatal. */
public final class RecordsLoader implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordsLoader.class);
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CeremonyProcessor.RECORDS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping a reference record without key");
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            Json.read(record.value(), RecordReference.class);
            store.put(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable reference record {}: {}", record.key(), e.getMessage());
        }
    }
}
