package dev.awardsticker.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged command as a user runs it: java -jar target/embedded-kafka.jar, a record through it, then SIGTERM. */
class StandaloneBrokerIT {

    @Test
    void theJarRunsABrokerThatCarriesARecordAndStopsCleanlyKeepingItsData(@TempDir Path data) throws Exception {
        int port = freePort();
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "embedded-kafka.jar").toString(), "--port", String.valueOf(port),
                "--data", data.toString()).redirectErrorStream(true).start();
        List<String> output = collect(broker);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> joined(output).contains("Kafka ready"));
            String started = joined(output);
            assertTrue(started.contains("data in " + data.toAbsolutePath()), started);
            assertTrue(started.contains("Kafka ready at localhost:" + port), started);

            String bootstrap = "localhost:" + port;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("hello", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("hello", "award", "moonlight")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.assign(List.of(new TopicPartition("hello", 0)));
                consumer.seekToBeginning(List.of(new TopicPartition("hello", 0)));
                List<ConsumerRecord<String, String>> read = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                    return !read.isEmpty();
                });
                assertEquals("moonlight", read.get(0).value());
            }

            // SIGTERM, as Ctrl-C sends SIGINT: the shutdown hook stops the broker. Through the handle, because
            // Process.destroy() also closes our end of its output, and the goodbye lines would be lost.
            broker.toHandle().destroy();
            assertTrue(broker.waitFor(60, TimeUnit.SECONDS), "the broker stops within a minute:\n" + joined(output));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                    joined(output).contains("Broker stopped; data kept in"), "exit " + broker.exitValue() + ":\n" + joined(output)));
            try (var files = Files.list(data)) {
                assertTrue(files.findAny().isPresent(), "the data stays for the next start");
            }
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--port", "ninety"}, Map.of()));
        assertTrue(port.getMessage().startsWith("--port / EMBEDDED_KAFKA_PORT must be a port number"), port.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--dir", "x"}, Map.of()));
        assertTrue(unknown.getMessage().startsWith("unknown option '--dir'"), unknown.getMessage());
        Main.Options fromEnv = Main.Options.parse(new String[0], Map.of("EMBEDDED_KAFKA_PORT", "19092"));
        assertEquals(19092, fromEnv.port());
        assertTrue(fromEnv.data().endsWith("awards-ticker-kafka-19092"), fromEnv.data().toString());
        assertEquals(Main.DEFAULT_PORT, Main.Options.parse(new String[0], Map.of()).port());
        assertTrue(Set.of(Main.Options.parse(new String[] {"--port", "1234"}, Map.of("EMBEDDED_KAFKA_PORT", "5"))
                .port()).contains(1234), "an argument wins over the environment");
    }

    @Test
    void aPortInUseIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Main.start(
                    new Main.Options(taken.getLocalPort(), Path.of("target", "unused")), System.out));
            assertTrue(refused.getMessage().contains("is in use") && refused.getMessage().contains("--port"),
                    refused.getMessage());
        }
    }

    private static List<String> collect(Process process) {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "broker-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String joined(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
