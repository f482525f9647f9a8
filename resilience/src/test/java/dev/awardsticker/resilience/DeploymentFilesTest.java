package dev.awardsticker.resilience;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml and the Dockerfiles can't be run here (no Docker engine), so this keeps them honest: the
 * production shape the fault tests mirror, and every variable they set documented in the README's table.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @Test
    void threeBrokersFormOneQuorumAndKeepEveryWriteOnTwoOfThem() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<Map<String, Object>> brokers = List.of("kafka-1", "kafka-2", "kafka-3").stream().map(services::get).toList();
        assertEquals(Set.of("1", "2", "3"), brokers.stream().map(b -> String.valueOf(env(b).get("KAFKA_NODE_ID"))).collect(Collectors.toSet()));
        assertEquals(1, brokers.stream().map(b -> env(b).get("CLUSTER_ID")).distinct().count());
        for (Map<String, Object> broker : brokers) {
            Map<String, Object> env = env(broker);
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertEquals("3", String.valueOf(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")));
            assertEquals("2", String.valueOf(env.get("KAFKA_MIN_INSYNC_REPLICAS")));
            assertEquals("3", String.valueOf(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")));
            assertEquals("2", String.valueOf(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")));
            assertEquals("false", String.valueOf(env.get("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE")));
        }
    }

    @Test
    void twoInstancesOfEachServiceOnAllThreeBrokers() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String service : List.of("streams", "ingest", "gateway")) {
            for (int i = 1; i <= 2; i++) {
                Map<String, Object> instance = services.get(service + "-" + i);
                assertTrue(instance != null, service + "-" + i + " missing");
                assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", env(instance).get("KAFKA_BOOTSTRAP_SERVERS"));
                assertEquals(Map.of("context", ".", "dockerfile", service + "/Dockerfile"), instance.get("build"));
            }
        }
        Map<String, Object> streams = env(services.get("streams-1"));
        assertEquals(streams, env(services.get("streams-2")), "both Streams instances share one application id");
        assertEquals("3", String.valueOf(streams.get("TOPIC_REPLICATION_FACTOR")));
        assertEquals("2", String.valueOf(streams.get("TOPIC_MIN_INSYNC_REPLICAS")));
        assertEquals("3", String.valueOf(streams.get("STREAMS_REPLICATION_FACTOR")));
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        for (String upstream : List.of("gateway-1:8080", "gateway-2:8080", "ingest-1:8081", "ingest-2:8081")) {
            assertTrue(nginx.contains("server " + upstream), upstream + " not behind the edge proxy");
        }
    }

    @Test
    void theBrokersFailOverAsFastAsTheTestedClusterAndAllowTheStreamsSession() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> tested = new java.util.HashMap<>(dev.awardsticker.kafka.EmbeddedKafka.FAST_FAILOVER);
        tested.putAll(dev.awardsticker.kafka.EmbeddedKafka.FAST_CLIENT_FAILOVER);
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> broker = env(services.get("kafka-" + i));
            tested.forEach((setting, value) -> assertEquals(value, String.valueOf(broker.get(
                    "KAFKA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))), setting
                    + ": docker-compose.yml's brokers differ from those the fault tests and FailoverBench run"));
        }
        int session = Integer.parseInt(String.valueOf(env(services.get("streams-1")).get("STREAMS_SESSION_TIMEOUT_MS")));
        assertTrue(session >= Integer.parseInt(tested.get("group.min.session.timeout.ms")),
                "the brokers would refuse the Streams app's session timeout");
    }

    @Test
    void everyVariableTheServicesAreGivenIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher names = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(readme);
        while (names.find()) {
            documented.add(names.group(1));
        }
        Set<String> missing = new TreeSet<>();
        services().forEach((name, service) -> {
            if (!name.startsWith("kafka") && !name.equals("edge")) {
                env(service).keySet().stream().filter(v -> !documented.contains(v)).forEach(missing::add);
            }
        });
        assertEquals(Set.of(), missing, "set in docker-compose.yml but not in the README's configuration table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest:8081", "streams:8082", "gateway:8080"})
    void eachServiceImageIsASmallJreRunAsAnOrdinaryUserWithAHealthCheck(String serviceAndPort) throws IOException {
        String service = serviceAndPort.split(":")[0];
        String port = serviceAndPort.split(":")[1];
        String dockerfile = Files.readString(ROOT.resolve(service + "/Dockerfile"));
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "runtime image is a JRE");
        assertTrue(dockerfile.contains("-pl " + service + " -am"), "builds its own module");
        assertTrue(Pattern.compile("(?m)^USER (?!root)\\w+").matcher(dockerfile).find(), "runs as a non-root user");
        assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("127.0.0.1:" + port + "/health"), "health check");
        assertTrue(dockerfile.contains("EXPOSE " + port));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + service + ".jar\"]"));
    }
}
