package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.KafkaHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Parks an input that cannot be judged, with the original key and bytes, the reason and where it came from. */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    public static final String SINK = "dead-letters-sink";

    private final ProcessorContext<String, byte[]> context;

    public DeadLetters(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    public void send(Record<String, byte[]> record, String reason) {
        String from = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("unknown");
        LOG.warn("Dead-lettered a record from {} (key {}): {}", from, record.key(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DEAD_LETTER_SOURCE, from.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), SINK);
    }
}
