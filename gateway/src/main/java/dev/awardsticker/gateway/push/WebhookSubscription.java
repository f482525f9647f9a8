package dev.awardsticker.gateway.push;

import java.time.Instant;
import java.util.Map;

/**
 * One receiver, as stored on {@code webhook-subscriptions}.
 *
 * @param startPositions next offset per partition of {@code ceremony-updates} when it was created: deliveries start
 *                       there, whichever gateway ends up owning it and however late it reads the subscription
 */
public record WebhookSubscription(String id, String url, String secret, WebhookFilter filter, Instant createdAt,
                                  Map<Integer, Long> startPositions) {

    public WebhookSubscription {
        startPositions = startPositions == null ? Map.of() : Map.copyOf(startPositions);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookSubscription[id=" + id + ", url=" + url + ", filter=" + filter + "]";
    }
}
