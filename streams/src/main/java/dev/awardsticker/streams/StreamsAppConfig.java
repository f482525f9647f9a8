package dev.awardsticker.streams;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the Streams app, from the environment with defaults for a local run.
 *
 * @param httpPort         port of {@code /health}, {@code /ready} and {@code /metrics}; 0 picks a free one
 * @param commitIntervalMs under exactly-once, output becomes visible only when the transaction commits, so
 *                         this bounds win-to-tally latency (Streams' EOS default is 100 ms)
 * @param failover         how fast another instance takes over a dead one's ceremonies
 */
public record StreamsAppConfig(String bootstrapServers, String applicationId, Path stateDir, long commitIntervalMs,
                               int threads, int replicationFactor, int httpPort, Failover failover) {
    /**
     * How fast a surviving instance takes over the ceremonies of one killed with -9 (issue #17; measured by
     * {@code FailoverBench}, docs/perf-notes.md). The defaults work with any broker; the production shape
     * (docker-compose.yml) sets shorter times, which need the brokers' {@code group.min.session.timeout.ms} lowered.
     *
     * @param standbys             {@code num.standby.replicas}: each ceremony's state is kept warm on this many other
     *                             instances, so the one taking over has it already instead of reading the changelog
     * @param sessionTimeoutMs     a killed instance leaves the group, and its ceremonies move, after this long without
     *                             a heartbeat (classic protocol; the broker refuses less than its
     *                             {@code group.min.session.timeout.ms}, 6 s unless lowered)
     * @param transactionTimeoutMs an instance killed mid-transaction leaves it open; screens and editors' verdicts
     *                             (read_committed) and the next owner wait until the coordinator aborts it after this
     */
    public record Failover(int standbys, int sessionTimeoutMs, int transactionTimeoutMs) {
        /** One standby; the stock broker's minimum session; Streams' own exactly-once transaction timeout. */
        public static final Failover DEFAULTS = new Failover(1, 6_000, 10_000);

        public Failover {
            if (sessionTimeoutMs < 100 || transactionTimeoutMs < 100 || standbys < 0) {
                throw new IllegalArgumentException("STREAMS_NUM_STANDBYS must be 0 or more and STREAMS_SESSION_TIMEOUT_MS "
                        + "and STREAMS_TRANSACTION_TIMEOUT_MS at least 100 ms; were " + standbys + ", " + sessionTimeoutMs
                        + ", " + transactionTimeoutMs);
            }
        }

        static Failover fromEnv(Map<String, String> env) {
            return new Failover(
                    Integer.parseInt(env.getOrDefault("STREAMS_NUM_STANDBYS", Integer.toString(DEFAULTS.standbys))),
                    Integer.parseInt(env.getOrDefault("STREAMS_SESSION_TIMEOUT_MS",
                            Integer.toString(DEFAULTS.sessionTimeoutMs))),
                    Integer.parseInt(env.getOrDefault("STREAMS_TRANSACTION_TIMEOUT_MS",
                            Integer.toString(DEFAULTS.transactionTimeoutMs))));
        }
    }

    /**
     * Commit a backlog in transactions of up to 50 ms of work, live input at once. Streams commits after a record
     * (batch) when the last commit is more than this old, and the ceremony processor asks for a commit after any record
     * written less than {@code CeremonyProcessor.CAUGHT_UP_MS} (50 ms) ago: live commands, even two arriving
     * together, are committed as soon as processed. A backlog (a history import, catching up after a restart) is
     * older than that and goes in few transactions: at 0 the poll loop shrinks its batch to one record after every
     * commit, one transaction per record. Measurements: docs/perf-notes.md.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 50;

    /**
     * The derived app commits in batches (Streams' exactly-once default): its topics are not on the live path, and
     * one transaction per update would cost CPU the live path needs. The derived topics lag the updates by one to
     * two of these.
     */
    public static final long DERIVED_COMMIT_INTERVAL_MS = 100;

    /** Port of the health and metrics listener when none is given. */
    public static final int DEFAULT_HTTP_PORT = 8082;

    /**
     * With the HTTP listener on any free port (see {@code TickerStreams.port()}): for apps built in code (tests, the
     * launcher, benchmarks), where a fixed port would clash. {@link #fromEnv()} defaults to {@value #DEFAULT_HTTP_PORT}.
     */
    public StreamsAppConfig(String bootstrapServers, String applicationId, Path stateDir, long commitIntervalMs,
                            int threads, int replicationFactor) {
        this(bootstrapServers, applicationId, stateDir, commitIntervalMs, threads, replicationFactor, 0);
    }

    /** With the default failover settings. */
    public StreamsAppConfig(String bootstrapServers, String applicationId, Path stateDir, long commitIntervalMs,
                            int threads, int replicationFactor, int httpPort) {
        this(bootstrapServers, applicationId, stateDir, commitIntervalMs, threads, replicationFactor, httpPort,
                Failover.DEFAULTS);
    }

    /** The same settings with another port for {@code /health}, {@code /ready} and {@code /metrics} (0: any free one). */
    public StreamsAppConfig withHttpPort(int port) {
        return new StreamsAppConfig(bootstrapServers, applicationId, stateDir, commitIntervalMs, threads,
                replicationFactor, port, failover);
    }

    public static StreamsAppConfig fromEnv() {
        Map<String, String> env = System.getenv();
        return new StreamsAppConfig(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.getOrDefault("STREAMS_APPLICATION_ID", "awards-ticker-streams"),
                Path.of(env.getOrDefault("STREAMS_STATE_DIR", System.getProperty("java.io.tmpdir") + "/awards-ticker-streams")),
                Long.parseLong(env.getOrDefault("STREAMS_COMMIT_INTERVAL_MS", String.valueOf(DEFAULT_COMMIT_INTERVAL_MS))),
                Integer.parseInt(env.getOrDefault("STREAMS_THREADS", "1")),
                Integer.parseInt(env.getOrDefault("STREAMS_REPLICATION_FACTOR", "-1")),
                Integer.parseInt(env.getOrDefault("STREAMS_HTTP_PORT", Integer.toString(DEFAULT_HTTP_PORT))),
                Failover.fromEnv(env));
    }

    /**
     * The derived app's settings: the same, as an app of its own ({@code <applicationId>-derived}: its own thread,
     * consumer group and transactions, so it never holds a live command back) committing every
     * {@value #DERIVED_COMMIT_INTERVAL_MS} ms.
     */
    /** How long the derived app's fetch may wait for more updates before it takes what has come. */
    public static final int DERIVED_FETCH_WAIT_MS = 100;

    public Properties derivedProperties() {
        Properties p = toProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId + "-derived");
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DERIVED_COMMIT_INTERVAL_MS);
        // Wake up for updates at most every DERIVED_FETCH_WAIT_MS, not the moment each is committed: the gateway is
        // fanning that update out to screens then, and on a small machine the derived work would take its CPU.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 1024 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), DERIVED_FETCH_WAIT_MS);
        // Its transactions are batches anyway: let the producer batch too.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        return p;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        if (replicationFactor >= 3) {
            // Changelogs as safe as the contract's topics: an acknowledged state change is on two brokers.
            p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "2");
        }
        // One arbiter, no double counts: state, sequence numbers and outputs commit atomically.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // No record cache: every change is forwarded at once instead of waiting for a flush.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // Send at once: the transaction commit, not batching, is what we wait for.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        // One request in flight per broker. With linger 0 a transaction's records to one partition leave as several
        // batches; under transactions v2 the first may be refused retriably (CONCURRENT_TRANSACTIONS: the previous
        // commit's markers are still being written) while the next, already sent with a later sequence, reaches a
        // partition with no state for this producer epoch. The broker then logs OutOfOrderSequenceException at ERROR
        // (KAFKA-18202's check; KAFKA-14884 describes the race) and the client retries. Harmless, but an operator
        // reading the broker log on show night sees errors; one in flight keeps the batches in order.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        // poll.ms stays at its 100 ms default: a shorter one barely helps sparse input and costs CPU while idle
        // (measured: docs/perf-notes.md).
        failoverProperties(p);
        // Our processors handle their own failures; opt in now to the behaviour Kafka 5.0 makes default.
        p.put("processing.exception.handler.global.enabled", true);
        return p;
    }

    /**
     * A takeover in seconds when an instance is killed (issue #17): the survivor must notice at once, already hold the
     * state, and not wait for the dead instance's transaction. The classic group protocol, not KIP-1071's
     * {@code group.protocol=streams}: with the latter, standbys and session timeouts are group settings made on the
     * broker with the admin client (the client's are ignored) and warm-up replicas are not supported yet, so an
     * instance could not bring its own settings.
     */
    private void failoverProperties(Properties p) {
        // A standby keeps each ceremony's store warm on another instance: taking over reads a few changelog records,
        // not the whole changelog.
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, failover.standbys());
        // A standby within this many changelog records of the end counts as caught up and becomes active at once
        // (a ceremony's store is a few hundred records; a standby that fell behind more is warmed up first).
        p.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, 10_000L);
        // A crashed instance's ceremonies move to a survivor after this long without a heartbeat (the consumer's
        // default 45 s is a long silence during a live show). Four heartbeats per session: one lost or late heartbeat
        // is not a death, and a rebalance is noticed within a quarter of it.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), failover.sessionTimeoutMs());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                Math.max(50, failover.sessionTimeoutMs() / 4));
        // An open transaction of a killed instance blocks read_committed readers and the next owner's offset fetch
        // until the coordinator aborts it after this; it must stay well above the commit interval (a transaction
        // lasts one commit interval of work plus its commit).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), failover.transactionTimeoutMs());
        // A dead broker's partitions move within about a second (FAST_FAILOVER in embedded-kafka, docker-compose.yml):
        // look for the new leader a few times a second, not with the clients' backoff growing to 1 s.
        // ("consumer." covers the main, restore and global consumers.)
        for (String prefix : List.of(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX,
                StreamsConfig.ADMIN_CLIENT_PREFIX)) {
            p.put(prefix + CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 250);
            p.put(prefix + CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
        }
    }
}
