package dev.awardsticker.testkit;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives tests a real Kafka broker with the contract's topics created, one per test JVM:
 * {@code KAFKA_BOOTSTRAP_SERVERS} if set, else Testcontainers' {@code apache/kafka} when a Docker engine
 * answers, else the embedded KRaft broker. Declare a {@link KafkaBroker} parameter to receive it.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final String IMAGE = System.getenv().getOrDefault("KAFKA_IMAGE", "apache/kafka:4.1.1");

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    private static KafkaBroker broker(ExtensionContext context) {
        // Root store: the broker lives for the whole test JVM and is closed when it ends.
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> start(), Running.class).broker;
    }

    private static Running start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        Running running;
        if (external != null && !external.isBlank()) {
            running = new Running(new KafkaBroker(external, "external"), () -> {});
        } else if (dockerAnswers()) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            running = new Running(new KafkaBroker(container.getBootstrapServers(), "testcontainers " + IMAGE),
                    container::stop);
        } else {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            running = new Running(new KafkaBroker(kafka.bootstrapServers(), "embedded KRaft"), kafka::close);
        }
        LOG.info("Tests use a {} broker at {}", running.broker.kind(), running.broker.bootstrapServers());
        TopicSetup.ensureTopics(running.broker.bootstrapServers(), (short) 1);
        return running;
    }

    /** Asks Testcontainers only when an engine could be there: the docker client alone is not enough. */
    private static boolean dockerAnswers() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
        if (!socket) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private record Running(KafkaBroker broker, AutoCloseable stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}
