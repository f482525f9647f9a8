package dev.awardsticker.gateway.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a subscription has got, as stored on {@code webhook-progress} by its owner.
 *
 * @param positions     next offset of {@code ceremony-updates} to handle, per partition: everything before it was
 *                      delivered (2xx), dead-lettered or filtered out
 * @param retried       failed attempts that were retried
 * @param lastDelivered the last update a receiver accepted
 */
public record WebhookProgress(String subscriptionId, Map<Integer, Long> positions, long delivered, long retried,
                              long deadLettered, Position lastDelivered, Instant lastDeliveredAt, String lastError,
                              Instant lastErrorAt, Pending pending, Instant updatedAt) {

    public record Position(String ceremony, long epoch, long seq) {}

    /**
     * The delivery being retried now: kept so that a new owner continues its attempt count and give-up clock
     * instead of starting them again.
     */
    public record Pending(String webhookId, Instant firstAttemptAt, int attempts, Instant nextAttemptAt) {}

    public WebhookProgress {
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    public static WebhookProgress start(String subscriptionId, Map<Integer, Long> positions) {
        return new WebhookProgress(subscriptionId, positions, 0, 0, 0, null, null, null, null, null, null);
    }

    WebhookProgress at(int partition, long nextOffset) {
        Map<Integer, Long> moved = new HashMap<>(positions);
        moved.put(partition, nextOffset);
        return new WebhookProgress(subscriptionId, moved, delivered, retried, deadLettered, lastDelivered,
                lastDeliveredAt, lastError, lastErrorAt, pending, Instant.now());
    }

    WebhookProgress delivered(Position position) {
        return new WebhookProgress(subscriptionId, positions, delivered + 1, retried, deadLettered, position,
                Instant.now(), lastError, lastErrorAt, null, Instant.now());
    }

    /** A failed attempt that will be retried at {@code pending.nextAttemptAt()}. */
    WebhookProgress retrying(String error, Pending next) {
        return new WebhookProgress(subscriptionId, positions, delivered, retried + 1, deadLettered, lastDelivered,
                lastDeliveredAt, error, Instant.now(), next, Instant.now());
    }

    WebhookProgress deadLettered(String reason) {
        return new WebhookProgress(subscriptionId, positions, delivered, retried, deadLettered + 1, lastDelivered,
                lastDeliveredAt, reason, Instant.now(), null, Instant.now());
    }
}
