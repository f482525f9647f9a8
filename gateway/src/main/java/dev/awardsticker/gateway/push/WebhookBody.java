package dev.awardsticker.gateway.push;

import dev.awardsticker.contract.update.CeremonyUpdate;

/**
 * The JSON a receiver gets: the idempotency key again (it is signed with the body, a header alone is not), the
 * subscription, and the update exactly as on {@code ceremony-updates} and in the WebSocket's {@code update} frame.
 */
record WebhookBody(String id, String type, String subscription, CeremonyUpdate update) {

    /** {@code <subscription>:<ceremony>:<epoch>:<seq>}: the same for every attempt and every gateway instance. */
    static String idOf(String subscriptionId, CeremonyUpdate update) {
        return subscriptionId + ":" + update.ceremony() + ":" + update.epoch() + ":" + update.seq();
    }

    static WebhookBody of(String subscriptionId, CeremonyUpdate update) {
        return new WebhookBody(idOf(subscriptionId, update), "update", subscriptionId, update);
    }
}
