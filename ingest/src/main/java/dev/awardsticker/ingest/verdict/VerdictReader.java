package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.ingest.consume.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Streams app's answers and hands each to the request waiting for it ({@link VerdictWaiters}). An accepted
 * command's answer is its update on {@code ceremony-updates} ({@link WinVerdict#accepted}); any other's is its
 * verdict on {@code win-verdicts}. Every answer names the command it judges (header
 * {@link KafkaHeaders#COMMAND_OFFSET}: its offset on {@code ceremony-commands}, whose partition number is the
 * answer's), so two answers on the same event id, read from two topics in any order, each reach their own request.
 *
 * <p>Both topics are read from their end offsets at start: a request only ever waits for the answer on a record
 * written after its own publish, so history is not needed, and a retry of an old event is answered afresh
 * (DUPLICATE, with the original's sequence number). That is what makes the answers hold across restarts and
 * instances: Kafka remembers, not us.
 */
public final class VerdictReader extends TopicReader {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictReader.class);

    private final VerdictWaiters waiters;
    private volatile boolean positioned;
    /** Only the first answer without the header is logged: they all come from the same outdated Streams app. */
    private boolean unnamedLogged;

    private VerdictReader(String bootstrapServers, Duration kafkaTimeout, VerdictWaiters waiters) {
        super("ingest-verdicts", List.of(Topics.WIN_VERDICTS, Topics.CEREMONY_UPDATES), bootstrapServers, kafkaTimeout);
        this.waiters = waiters;
    }

    /** Creates the consumer and starts reading in the background. */
    public static VerdictReader start(String bootstrapServers, Duration kafkaTimeout, VerdictWaiters waiters) {
        VerdictReader reader = new VerdictReader(bootstrapServers, kafkaTimeout, waiters);
        reader.startReading();
        return reader;
    }

    /** Why verdicts cannot be awaited yet, or empty. */
    public Optional<String> notReadyReason() {
        if (positioned && problem() == null) {
            return Optional.empty();
        }
        return Optional.of("verdicts: " + (problem() != null ? problem() : "not yet reading " + Topics.WIN_VERDICTS));
    }

    @Override
    protected void position(Consumer<String, byte[]> consumer) {
        List<TopicPartition> answers = new ArrayList<>(partitions(consumer, Topics.WIN_VERDICTS));
        answers.addAll(partitions(consumer, Topics.CEREMONY_UPDATES));
        consumer.assign(answers);
        consumer.endOffsets(answers).forEach(consumer::seek);
        positioned = true;
    }

    @Override
    protected void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Header offset = record.headers().lastHeader(KafkaHeaders.COMMAND_OFFSET);
        if (offset == null) {
            if (!unnamedLogged) {
                unnamedLogged = true;
                LOG.warn("An answer on {}-{}@{} does not name its command (header {}): it was written by a Streams app"
                        + " older than this ingest; its request will be answered 202 PENDING. Upgrade the Streams"
                        + " app.", record.topic(), record.partition(), record.offset(), KafkaHeaders.COMMAND_OFFSET);
            }
            return;
        }
        WinVerdict verdict = Topics.WIN_VERDICTS.equals(record.topic())
                ? Json.read(record.value(), WinVerdict.class)
                : WinVerdict.acceptedFromUpdate(record.value());
        long commandOffset = Long.parseLong(new String(offset.value(), StandardCharsets.UTF_8));
        waiters.resolve(new EventPosition(record.partition(), commandOffset), verdict);
    }
}
