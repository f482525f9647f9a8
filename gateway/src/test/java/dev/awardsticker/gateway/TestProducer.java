package dev.awardsticker.gateway;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.update.CeremonyUpdate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Writes to {@code ceremony-updates} as the Streams app would, and waits for the broker to acknowledge. */
public final class TestProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public TestProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // Few, large requests: tests send thousands of updates at once, and each request costs a round trip.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    public void send(List<CeremonyUpdate> updates) {
        List<Future<RecordMetadata>> sent = updates.stream()
                .map(u -> producer.send(new ProducerRecord<>(Topics.CEREMONY_UPDATES, u.ceremony(), Json.bytes(u))))
                .toList();
        for (Future<RecordMetadata> ack : sent) {
            try {
                ack.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The broker did not take an update: " + e.getMessage(), e);
            }
        }
    }

    public void send(CeremonyUpdate... updates) {
        send(List.of(updates));
    }

    public void sendRaw(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CEREMONY_UPDATES, key, value)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
