package dev.awardsticker.gateway.feed;

import dev.awardsticker.contract.update.CeremonyUpdate;
import io.vertx.core.buffer.Buffer;

/**
 * One update as read from Kafka, with its WebSocket frame already encoded: the frame is built once on the feed
 * thread and the same bytes go to every client and into the resume buffer.
 *
 * @param conflationKey what this update supersedes, across ceremonies: a later update with the same key makes this
 *                      one redundant for a client that has not been sent it yet. Null for updates every client must
 *                      get (winners, withdrawals, alerts, definitions). Computed once here, not per client.
 */
public record FeedUpdate(CeremonyUpdate update, Buffer frame, String conflationKey) {

    public FeedUpdate(CeremonyUpdate update, Buffer frame) {
        this(update, frame, conflationKey(update));
    }

    public String ceremony() {
        return update.ceremony();
    }

    public long epoch() {
        return update.epoch();
    }

    public long seq() {
        return update.seq();
    }

    private static String conflationKey(CeremonyUpdate update) {
        String key = update.change().conflationKey();
        // The contract's keys are per ceremony; one client may follow several ceremonies.
        return key == null ? null : update.ceremony() + '\u0000' + key;
    }
}
