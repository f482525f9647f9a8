package dev.awardsticker.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the benchmarks read a topic, as a downstream reader would: no consumer group, every partition assigned. */
final class TopicReader {
    private TopicReader() {}

    /**
     * @param isolation {@code read_committed} (what a screen sees) or {@code read_uncommitted}
     * @param settings  further consumer settings, e.g. {@code fetch.max.wait.ms}
     */
    static KafkaConsumer<String, byte[]> open(String bootstrap, String isolation, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of {@code topic} to {@code consumer}, from the start of each. */
    static List<TopicPartition> fromStart(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = assignAll(consumer, topic);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** Assigns every partition of {@code topic} to {@code consumer}, from what is there now on. */
    static List<TopicPartition> fromEnd(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = assignAll(consumer, topic);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the lazy seek now, before anything is written
        return partitions;
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }
}
