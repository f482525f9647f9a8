package dev.awardsticker.contract;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the contract's topics where they are missing and checks those that exist: a ceremony topic with
 * another partition count would silently split one ceremony across Streams tasks.
 */
public final class TopicSetup {
    private TopicSetup() {}

    public static void ensureTopics(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ensureTopics(admin, replicationFactor);
        }
    }

    public static void ensureTopics(Admin admin, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.config()))
                    .toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another instance created it at the same moment: fine, it is checked below.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(
                    Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topics.Spec spec : Topics.ALL) {
                int actual = described.get(spec.name()).partitions().size();
                if (actual != spec.partitions()) {
                    throw new IllegalStateException("Topic " + spec.name() + " has " + actual + " partitions but the"
                            + " contract needs " + spec.partitions() + ": recreate it or fix Topics.java");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create or check the topics: " + e.getMessage()
                    + ". Is Kafka reachable?", e);
        }
    }
}
