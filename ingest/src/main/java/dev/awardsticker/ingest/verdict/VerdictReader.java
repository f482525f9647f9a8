package dev.awardsticker.ingest.verdict;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.ingest.consume.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the Streams app's verdicts and the commands they judge (editor events and definitions alike), pairs
 * them ({@link VerdictMatcher}) and hands each pair to whoever waits for it ({@link VerdictWaiters}). An accepted
 * command's verdict is its update on {@code ceremony-updates} ({@link WinVerdict#accepted}); the others' are on
 * {@code win-verdicts}. All three topics are read from their end offsets
 * at start: a request only ever waits for the verdict on a record written after its own publish, so history is
 * not needed, and a retry of an old event is answered by a fresh verdict (DUPLICATE, with the original's first
 * sequence number). That is what makes the answers hold across restarts and instances: Kafka remembers, not us.
 */
public final class VerdictReader extends TopicReader {
    private final VerdictMatcher matcher;
    private final VerdictWaiters waiters;
    private volatile boolean positioned;

    private VerdictReader(String bootstrapServers, Duration kafkaTimeout, VerdictWaiters waiters, Duration retention) {
        super("ingest-verdicts", List.of(Topics.WIN_VERDICTS, Topics.CEREMONY_UPDATES, Topics.CEREMONY_COMMANDS),
                bootstrapServers, kafkaTimeout);
        this.matcher = new VerdictMatcher(retention);
        this.waiters = waiters;
    }

    /**
     * Creates the consumer and starts reading in the background.
     *
     * @param retention how long an event or verdict waits for its other half before it is dropped
     */
    public static VerdictReader start(String bootstrapServers, Duration kafkaTimeout, VerdictWaiters waiters,
                                      Duration retention) {
        VerdictReader reader = new VerdictReader(bootstrapServers, kafkaTimeout, waiters, retention);
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
        List<TopicPartition> verdictPartitions = new ArrayList<>(partitions(consumer, Topics.WIN_VERDICTS));
        verdictPartitions.addAll(partitions(consumer, Topics.CEREMONY_UPDATES));
        List<TopicPartition> eventPartitions = partitions(consumer, Topics.CEREMONY_COMMANDS);
        // The verdicts' ends first: an event written after the events' cut is then judged after the verdicts'
        // cut, so no verdict on an event we read is skipped. (A verdict on an event before the cut is never
        // paired and expires.)
        Map<TopicPartition, Long> verdictEnds = consumer.endOffsets(verdictPartitions);
        Map<TopicPartition, Long> eventEnds = consumer.endOffsets(eventPartitions);
        List<TopicPartition> all = new ArrayList<>(verdictPartitions);
        all.addAll(eventPartitions);
        consumer.assign(all);
        verdictEnds.forEach(consumer::seek);
        eventEnds.forEach(consumer::seek);
        positioned = true;
    }

    @Override
    protected void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        long now = nowMillis();
        if (Topics.WIN_VERDICTS.equals(record.topic())) {
            judged(Json.read(record.value(), WinVerdict.class), record, now);
        } else if (Topics.CEREMONY_UPDATES.equals(record.topic())) {
            judged(WinVerdict.accepted(Json.read(record.value(), CeremonyUpdate.class)), record, now);
        } else {
            // Anything the Streams app could not read either is dead-lettered without a verdict: skipped here too.
            CeremonyCommand command = Json.read(record.value(), CeremonyCommand.class);
            if (command.ceremony() != null && command.eventId() != null) {
                matcher.event(command.ceremony(), command.eventId(), record.timestamp(),
                        new EventPosition(record.partition(), record.offset()), now).ifPresent(waiters::resolve);
            }
        }
    }

    /**
     * An answer names the command it judges by its offset (header {@link KafkaHeaders#COMMAND_OFFSET}; same partition
     * number): handed straight to whoever waits there. Without the header, it is paired by the judged command's
     * timestamp, which the Streams app stamps on every answer ({@link VerdictMatcher}).
     */
    private void judged(WinVerdict verdict, ConsumerRecord<String, byte[]> record, long now) {
        if (verdict.ceremony() == null || verdict.eventId() == null) {
            return;
        }
        Header offset = record.headers().lastHeader(KafkaHeaders.COMMAND_OFFSET);
        if (offset != null) {
            long commandOffset = Long.parseLong(new String(offset.value(), StandardCharsets.UTF_8));
            waiters.resolve(new VerdictMatcher.Match(new EventPosition(record.partition(), commandOffset), verdict));
            return;
        }
        matcher.verdict(verdict, record.timestamp(), now).ifPresent(waiters::resolve);
    }

    @Override
    protected void afterPoll(Consumer<String, byte[]> consumer) {
        matcher.expire(nowMillis());
    }

    /** Monotonic: expiry must not jump with the wall clock. */
    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
