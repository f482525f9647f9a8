package dev.awardsticker.ingest.history;

import com.fasterxml.jackson.databind.JavaType;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.history.CeremonyResults;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Imports a history through the pipeline, Kafka-native: every ceremony as one {@link CeremonyImported} command on
 * {@code ceremony-commands} (its definition with the history before it, and its winners), written as ingest writes
 * (acks=all, idempotent; the definition also on {@code ceremony-definitions}, for ingest's validation of later
 * corrections), then waits for the Streams app's answer to every ceremony (its update, or a DUPLICATE/REJECTED
 * verdict) and for the derived app to hold every ceremony on {@code award-history}, so that a ceremony defined next
 * is judged against all of it. One line per ceremony as it is answered. A ceremony whole, not win by win: 98
 * transactions and updates instead of 3,613, each judged as the ceremony stands once its last winner is in.
 */
public final class HistoryImporter implements AutoCloseable {
    /** What became of an import. {@code rejected} lists the reasons (none expected). */
    public record Summary(int ceremonies, int nominations, int commands, int accepted, int duplicates,
                          List<String> rejected, long lastSeq, long elapsedMs) {
        public String line() {
            return String.format(Locale.ROOT, "%d ceremonies, %,d nominations: %,d commands (one per ceremony),"
                            + " %,d accepted, %,d duplicate, %d rejected in %.1f s", ceremonies, nominations, commands,
                    accepted, duplicates, rejected.size(), elapsedMs / 1000.0);
        }
    }

    /** {@link CeremonyResults#winners()}, read alone: the definition before it is skipped, not built. */
    private static final JavaType WINNERS = Json.MAPPER.getTypeFactory().constructMapType(Map.class,
            Json.MAPPER.getTypeFactory().constructType(String.class),
            Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));

    private final String bootstrapServers;
    private final PrintStream out;
    private final KafkaProducer<String, byte[]> producer;

    public HistoryImporter(String bootstrapServers, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "history-import",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // A bulk write: batches, unlike an editor's single win.
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes the plan and waits up to {@code timeout} for every answer and the history topic. */
    public Summary run(List<HistoryPlan.Step> plan, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<String, Integer> stepOf = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            stepOf.put(plan.get(i).command().eventId(), i);
        }
        try (KafkaConsumer<String, byte[]> answers = consumer("history-import-answers")) {
            // Positioned before writing: every answer comes after the commands are written.
            List<TopicPartition> partitions = partitions(answers, Topics.CEREMONY_UPDATES, Topics.WIN_VERDICTS);
            answers.assign(partitions);
            answers.seekToEnd(partitions);
            partitions.forEach(answers::position);

            List<Future<RecordMetadata>> writes = new ArrayList<>();
            for (HistoryPlan.Step step : plan) {
                CeremonyImported command = step.command();
                writes.add(send(Topics.CEREMONY_DEFINITIONS, command.ceremony(), Json.bytes(command.definition())));
                writes.add(send(Topics.CEREMONY_COMMANDS, command.ceremony(), Json.bytes(command)));
            }
            producer.flush();
            for (Future<RecordMetadata> write : writes) {
                await(write, deadline);
            }
            int commands = plan.size();
            out.printf(Locale.ROOT, "Wrote %,d commands of %d ceremonies to %s in %d ms; waiting for the ticker's"
                            + " answers%n", commands, plan.size(), Topics.CEREMONY_COMMANDS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            int[] answered = new int[plan.size()];
            int[] accepted = new int[plan.size()];
            int[] duplicates = new int[plan.size()];
            long[] lastSeq = new long[plan.size()];
            List<String> rejected = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int reported = 0;
            int total = 0;
            while (reported < plan.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No answer within " + timeout.toSeconds() + " s to "
                            + (commands - total) + " of " + commands + " commands (the next ceremony to finish is "
                            + plan.get(reported).command().ceremony() + "): is the Streams app running against "
                            + bootstrapServers + "? Run the same command again: what was imported answers DUPLICATE.");
                }
                for (ConsumerRecord<String, byte[]> record : answers.poll(Duration.ofMillis(200))) {
                    WinVerdict answer = record.topic().equals(Topics.CEREMONY_UPDATES)
                            ? WinVerdict.acceptedFromUpdate(record.value())
                            : Json.read(record.value(), WinVerdict.class);
                    Integer step = stepOf.get(answer.eventId());
                    if (step == null || !seen.add(answer.eventId())) {
                        continue; // Another writer's command, or an answer already counted.
                    }
                    total++;
                    answered[step]++;
                    if (record.topic().equals(Topics.CEREMONY_UPDATES)) {
                        accepted[step]++;
                        lastSeq[step] = Math.max(lastSeq[step], answer.firstSeq());
                    } else if (answer.status() == WinVerdict.Status.DUPLICATE) {
                        duplicates[step]++;
                        lastSeq[step] = Math.max(lastSeq[step], answer.firstSeq());
                    } else {
                        rejected.add(plan.get(step).command().ceremony() + " " + answer.eventId() + ": "
                                + answer.reason());
                    }
                }
                while (reported < plan.size() && answered[reported] > 0) {
                    HistoryPlan.Step step = plan.get(reported);
                    out.printf(Locale.ROOT, "[%d/%d] %s: %d nominations, %d winners: %s (seq %d)%n", reported + 1,
                            plan.size(), step.ceremony().definition().title(), step.ceremony().nominations(),
                            step.command().winners().size(), accepted[reported] > 0 ? "accepted"
                                    : duplicates[reported] > 0 ? "duplicate, nothing changed" : "REJECTED",
                            lastSeq[reported]);
                    reported++;
                }
            }
            awaitHistory(plan, deadline, timeout);
            int nominations = plan.stream().mapToInt(s -> s.ceremony().nominations()).sum();
            long last = plan.isEmpty() ? 0 : lastSeq[plan.size() - 1];
            return new Summary(plan.size(), nominations, commands, sum(accepted), sum(duplicates),
                    List.copyOf(rejected), last, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Until {@code award-history} holds every imported ceremony with its winners (the derived app lags a little). */
    private void awaitHistory(List<HistoryPlan.Step> plan, long deadline, Duration timeout) {
        Map<String, CeremonyResults> wanted = new HashMap<>();
        plan.forEach(step -> wanted.put(step.ceremony().results().key(), step.ceremony().results()));
        try (KafkaConsumer<String, byte[]> history = consumer("history-import-history")) {
            List<TopicPartition> partitions = partitions(history, Topics.AWARD_HISTORY);
            history.assign(partitions);
            history.seekToBeginning(partitions);
            while (!wanted.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Every command was answered, but " + Topics.AWARD_HISTORY
                            + " still lacks " + wanted.size() + " ceremonies after " + timeout.toSeconds()
                            + " s (e.g. " + wanted.keySet().iterator().next() + "): is the derived app ("
                            + "<application id>-derived) running? Run the same command again once it is.");
                }
                for (ConsumerRecord<String, byte[]> record : history.poll(Duration.ofMillis(200))) {
                    CeremonyResults expected = wanted.get(record.key());
                    if (expected != null && record.value() != null
                            && expected.winners().equals(Json.field(record.value(), "winners", WINNERS))) {
                        wanted.remove(record.key());
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%s holds all %d ceremonies: a ceremony defined next is judged against them%n",
                Topics.AWARD_HISTORY, plan.size());
    }

    private Future<RecordMetadata> send(String topic, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaders.EDITOR, HistoryPlan.EDITOR.getBytes(StandardCharsets.UTF_8));
        return producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private void await(Future<RecordMetadata> write, long deadline) {
        try {
            write.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " refused a write ("
                    + e.getCause().getMessage() + "); nothing after it is confirmed: run the same command again", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not acknowledge the import in time;"
                    + " run the same command again once it answers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
