package dev.awardsticker.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic of the ticker, in one place. All ceremony topics are keyed by ceremony id and share one
 * partition count, so one ceremony's definition, wins and updates always meet in the same Streams task,
 * in order: Kafka is the single arbiter of what happened first.
 */
public final class Topics {
    private Topics() {}

    /** Latest definition of each ceremony (categories, nominees, people), for ingest's validation. Key: ceremony id. */
    public static final String CEREMONY_DEFINITIONS = "ceremony-definitions";
    /**
     * Editors' commands: definitions and the show's events (wins, corrections, retractions), in one topic so one
     * partition orders a ceremony's definition and its events by construction. Key: ceremony id. The log of record.
     */
    public static final String CEREMONY_COMMANDS = "ceremony-commands";
    /**
     * One update per command that changed something, carrying all of its changes, with its gap-free per-ceremony
     * sequence number. Key: ceremony id. Written by the live Streams app.
     */
    public static final String CEREMONY_UPDATES = "ceremony-updates";
    /** Latest tally per subject. Key: ceremony|kind|name. Derived from ceremony-updates (may lag the live path). */
    public static final String TALLIES = "ceremony-tallies";
    /** Standing of each ceremony (decided, remaining, works ranked by wins). Key: ceremony id. Derived from ceremony-updates. */
    public static final String LEADERBOARD = "ceremony-leaderboard";
    /**
     * Each ceremony's current tally per work and person, for the all-time totals. Key: award|kind|name|ceremony,
     * partitioned by award. Written and read by the derived Streams app (its repartition step, kept as a topic of
     * the contract because the Processor API has no internal repartition topics).
     */
    public static final String TALLIES_BY_SUBJECT = "ceremony-tallies-by-subject";
    /** Wins and nominations per work and person over all ceremonies of an award. Key: award|kind|name, partitioned by award. */
    public static final String ALL_TIME_TALLIES = "all-time-tallies";
    /**
     * Verdict on every command that published no update (duplicate, rejected, and why); an accepted command's verdict
     * is its update on ceremony-updates. Key: ceremony id. Written by the live app.
     */
    public static final String WIN_VERDICTS = "win-verdicts";
    /** Historical reference records per award. Key: award|record. Seeded by ingest, updated by the derived app. */
    public static final String AWARD_RECORDS = "award-records";
    /**
     * Each finished ceremony of an award as history (definition with ids, winners), from which the award's all-time
     * state and records are folded. Key: award|ceremony id. Written by the derived app from the updates.
     */
    public static final String AWARD_HISTORY = "award-history";
    /** Input records that could not be read at all; the reason travels in headers. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Gateway webhook subscriptions (URL, secret, filter). Key: subscription id; a tombstone deletes one. */
    public static final String WEBHOOK_SUBSCRIPTIONS = "webhook-subscriptions";
    /** Per webhook subscription: how far into ceremony-updates it has been handled, and delivery counters. */
    public static final String WEBHOOK_PROGRESS = "webhook-progress";
    /** Webhook deliveries the gateway gave up on; the reason travels in headers. Key: subscription id. */
    public static final String WEBHOOK_DEAD_LETTERS = "webhook-dead-letters";

    /** Partitions of every ceremony-keyed topic. They must be equal: Streams merges two of them in one task. */
    public static final int CEREMONY_PARTITIONS = 3;

    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    /**
     * Progress is rewritten after every delivery: roll segments hourly so compaction can keep the topic small
     * (the active segment is never compacted) and a new owner reads little to find a subscription's position.
     */
    private static final Map<String, String> COMPACTED_HOURLY = Map.of("cleanup.policy", "compact",
            "segment.ms", "3600000");
    /** History topics keep everything: they are the source for replays, resumes and rebuilding state. */
    private static final Map<String, String> KEEP_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1");

    public record Spec(String name, int partitions, Map<String, String> config, String key, String value,
                       String writers, String readers) {}

    public static final List<Spec> ALL = List.of(
            new Spec(CEREMONY_DEFINITIONS, CEREMONY_PARTITIONS, COMPACTED, "ceremony id", "CeremonyDefinition",
                    "ingest", "ingest (validation)"),
            new Spec(CEREMONY_COMMANDS, CEREMONY_PARTITIONS, KEEP_FOREVER, "ceremony id",
                    "CeremonyCommand (DefinitionPosted, CeremonyImported, WinAnnounced, WinRetracted, WinCorrected)",
                    "ingest", "streams (live app)"),
            new Spec(CEREMONY_UPDATES, CEREMONY_PARTITIONS, KEEP_FOREVER, "ceremony id", "CeremonyUpdate",
                    "streams (live app)", "gateway, streams (derived app), ingest (answers to accepted commands)"),
            new Spec(TALLIES, CEREMONY_PARTITIONS, COMPACTED, "ceremony|kind|name", "CeremonyTally",
                    "streams (derived app)", "anyone who wants current tallies"),
            new Spec(LEADERBOARD, CEREMONY_PARTITIONS, COMPACTED, "ceremony id", "Leaderboard",
                    "streams (derived app)", "gateway (REST), anyone who wants the standings"),
            new Spec(TALLIES_BY_SUBJECT, CEREMONY_PARTITIONS, COMPACTED, "award|kind|name|ceremony", "CeremonyTally",
                    "streams (derived app)", "streams (derived app: all-time totals)"),
            new Spec(ALL_TIME_TALLIES, CEREMONY_PARTITIONS, COMPACTED, "award|kind|name", "AllTimeTally",
                    "streams (derived app)", "anyone who wants all-time totals"),
            new Spec(WIN_VERDICTS, CEREMONY_PARTITIONS, KEEP_FOREVER, "ceremony id", "WinVerdict (DUPLICATE, REJECTED)",
                    "streams (live app)", "ingest (answers 200/409), audits"),
            new Spec(AWARD_RECORDS, 1, COMPACTED, "award|record", "RecordReference",
                    "ingest (seed), streams (derived app, from RecordUpdated)", "streams (live app: global store)"),
            new Spec(AWARD_HISTORY, 1, COMPACTED, "award|ceremony id", "CeremonyResults",
                    "streams (derived app, once a ceremony is decided)",
                    "ingest (history attached to a definition), history importer"),
            new Spec(DEAD_LETTERS, 1, KEEP_FOREVER, "original key", "original bytes",
                    "streams", "operators"),
            new Spec(WEBHOOK_SUBSCRIPTIONS, 3, COMPACTED, "subscription id", "WebhookSubscription (null: deleted)",
                    "gateway (admin API)", "gateway (ownership and admin API)"),
            new Spec(WEBHOOK_PROGRESS, 3, COMPACTED_HOURLY, "subscription id", "WebhookProgress (null: deleted)",
                    "gateway (owner of the subscription), admin API (tombstone)", "gateway (owner, admin API)"),
            new Spec(WEBHOOK_DEAD_LETTERS, 1, KEEP_FOREVER, "subscription id", "the webhook body that was not accepted",
                    "gateway", "operators"));

    public static Optional<Spec> spec(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
