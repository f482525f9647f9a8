package dev.awardsticker.gateway.push;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One receiver, as stored on {@code webhook-subscriptions}.
 *
 * @param startPositions          next offset per partition of {@code ceremony-updates} when it was created:
 *                                deliveries start there, whichever gateway ends up owning it and however late it
 *                                reads the subscription
 * @param previousSecret          the secret before the last rotation, or null; deliveries are signed with it too
 *                                until {@code previousSecretExpiresAt}, so a receiver can switch at its own pace
 * @param previousSecretExpiresAt end of the rotation window, or null
 */
public record WebhookSubscription(String id, String url, String secret, WebhookFilter filter, Instant createdAt,
                                  Map<Integer, Long> startPositions, String previousSecret,
                                  Instant previousSecretExpiresAt) {

    public WebhookSubscription {
        startPositions = startPositions == null ? Map.of() : Map.copyOf(startPositions);
        if (previousSecret == null || previousSecretExpiresAt == null) {
            previousSecret = null;
            previousSecretExpiresAt = null;
        }
    }

    public WebhookSubscription(String id, String url, String secret, WebhookFilter filter, Instant createdAt,
                               Map<Integer, Long> startPositions) {
        this(id, url, secret, filter, createdAt, startPositions, null, null);
    }

    /** The same subscription with a new secret; the current one keeps signing until {@code previousUntil}. */
    public WebhookSubscription rotated(String newSecret, Instant previousUntil) {
        return new WebhookSubscription(id, url, newSecret, filter, createdAt, startPositions, secret, previousUntil);
    }

    /** The secrets a delivery made at {@code now} is signed with: the current one first. */
    public List<String> signingSecrets(Instant now) {
        return previousSecret != null && now.isBefore(previousSecretExpiresAt)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "WebhookSubscription[id=" + id + ", url=" + url + ", filter=" + filter + "]";
    }
}
