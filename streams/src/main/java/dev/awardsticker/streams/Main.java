package dev.awardsticker.streams;

import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.contract.TopicSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Runs the Streams app against KAFKA_BOOTSTRAP_SERVERS until stopped; creates missing topics first. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceLogging.useServiceConfig(); // before the first logger
        Logger log = LoggerFactory.getLogger(Main.class);
        StreamsAppConfig config = StreamsAppConfig.fromEnv();
        short replication = Short.parseShort(System.getenv().getOrDefault("TOPIC_REPLICATION_FACTOR", "1"));
        String minInsync = System.getenv("TOPIC_MIN_INSYNC_REPLICAS");
        TopicSetup.ensureTopics(config.bootstrapServers(), replication, minInsync == null
                ? TopicSetup.defaultMinInsyncReplicas(replication) : Integer.parseInt(minInsync));
        TickerStreams app = TickerStreams.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "streams-shutdown"));
        app.awaitRunning(Duration.ofMinutes(2));
        log.info("Streams app {} is processing (commit interval {} ms)", config.applicationId(), config.commitIntervalMs());
    }
}
