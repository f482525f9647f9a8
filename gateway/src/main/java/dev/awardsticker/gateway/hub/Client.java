package dev.awardsticker.gateway.hub;

import dev.awardsticker.gateway.auth.Grant;
import dev.awardsticker.gateway.feed.Wire;
import dev.awardsticker.gateway.view.Filter;

import java.util.ArrayList;
import java.util.List;

/**
 * One client of a {@link Hub}, whatever its transport: its subscriptions, its outbox and when it was last heard.
 * Used only on the hub's event loop; its transport holds it to tell the hub what the client asks.
 */
public final class Client {

    /** One ceremony a client follows. */
    static final class Subscription {
        final String ceremony;
        final Filter filter;
        /** The ceremony's revision this client's stream is at: updates up to it are in what it was sent. */
        long revision;

        Subscription(String ceremony, Filter filter, long revision) {
            this.ceremony = ceremony;
            this.filter = filter;
            this.revision = revision;
        }
    }

    final Outlet outlet;
    final Grant grant;
    final Outbox outbox;
    final Delivery delivery;
    final Wire.Format format;
    /** A list, not a map: nearly every client follows one ceremony, and a scan of one beats a hash lookup. */
    private final List<Subscription> subscriptions = new ArrayList<>(1);
    long lastHeard;
    long nextSweep;

    Client(Outlet outlet, Grant grant, Delivery delivery, ClientLimits limits, long now) {
        this.outlet = outlet;
        this.grant = grant;
        this.delivery = delivery;
        this.format = outlet.format();
        this.outbox = new Outbox(outlet, limits.maxQueuedFrames(), limits.maxQueuedBytes(), delivery::frameWritten);
        this.lastHeard = now;
    }

    Subscription subscription(String ceremony) {
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            if (subscription.ceremony.equals(ceremony)) {
                return subscription;
            }
        }
        return null;
    }

    /** Starts or replaces the subscription to {@code ceremony}. */
    Subscription subscribe(String ceremony, Filter filter, long revision) {
        unsubscribe(ceremony);
        Subscription subscription = new Subscription(ceremony, filter, revision);
        subscriptions.add(subscription);
        return subscription;
    }

    boolean unsubscribe(String ceremony) {
        return subscriptions.removeIf(s -> s.ceremony.equals(ceremony));
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return outlet.remote();
    }
}
