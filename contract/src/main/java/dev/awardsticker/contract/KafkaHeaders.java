package dev.awardsticker.contract;

/** Record headers the services agree on. */
public final class KafkaHeaders {
    private KafkaHeaders() {}

    /** Who entered an event (editor name from the token table), for tracing every win to a person. */
    public static final String EDITOR = "editor";
    /**
     * On an update or a verdict: the offset, on {@code ceremony-commands}, of the command it answers (the partition
     * number is the same: one key, one partition count). Names the judged record exactly, so an answer read on one
     * topic before another's can never be handed to the wrong request.
     */
    public static final String COMMAND_OFFSET = "command-offset";
    /** Why a record went to the dead-letter topic. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** Topic, partition and offset the dead letter came from. */
    public static final String DEAD_LETTER_SOURCE = "dead-letter-source";
    /** The idempotency key of a webhook delivery that went to {@code webhook-dead-letters}. */
    public static final String WEBHOOK_ID = "webhook-id";
    /** How many HTTP attempts a dead-lettered webhook delivery made. */
    public static final String WEBHOOK_ATTEMPTS = "webhook-attempts";
}
