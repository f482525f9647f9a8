package dev.awardsticker.contract;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
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
        ensureTopics(bootstrapServers, replicationFactor, defaultMinInsyncReplicas(replicationFactor));
    }

    public static void ensureTopics(String bootstrapServers, short replicationFactor, int minInsyncReplicas) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ensureTopics(admin, replicationFactor, minInsyncReplicas);
        }
    }

    /**
     * With three replicas, an acknowledged write is on two of them, so losing any one broker loses nothing and
     * writes go on; with fewer, a write waits for all of them.
     */
    public static int defaultMinInsyncReplicas(short replicationFactor) {
        return replicationFactor >= 3 ? 2 : Math.max(1, replicationFactor);
    }

    public static void ensureTopics(Admin admin, short replicationFactor) {
        ensureTopics(admin, replicationFactor, defaultMinInsyncReplicas(replicationFactor));
    }

    public static void ensureTopics(Admin admin, short replicationFactor, int minInsyncReplicas) {
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be 1.." + replicationFactor
                    + " (the replication factor), not " + minInsyncReplicas);
        }
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                            .configs(withMinInsync(spec.config(), minInsyncReplicas)))
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
            Map<String, TopicDescription> described = describe(admin);
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

    /**
     * Describes the contract's topics. Right after they were created, the broker that answers may not have learnt
     * of them yet (a cluster propagates metadata asynchronously): ask again until it has, for a bounded time.
     */
    private static Map<String, TopicDescription> describe(Admin admin)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(Topics.ALL.stream().map(Topics.Spec::name).toList())
                        .allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static Map<String, String> withMinInsync(Map<String, String> config, int minInsyncReplicas) {
        Map<String, String> all = new HashMap<>(config);
        all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        return all;
    }
}
