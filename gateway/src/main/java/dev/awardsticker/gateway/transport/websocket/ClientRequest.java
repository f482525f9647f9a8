package dev.awardsticker.gateway.transport.websocket;

import dev.awardsticker.gateway.view.Filter;
import dev.awardsticker.gateway.view.ResumePoint;

/** A frame a client sent, once parsed and checked by {@link RequestParser}. */
public sealed interface ClientRequest {

    /** Start (or replace) a subscription; {@code resume} is null for a fresh snapshot. */
    record Subscribe(String ceremony, ResumePoint resume, Filter filter) implements ClientRequest {}

    record Unsubscribe(String ceremony) implements ClientRequest {}

    record Ping() implements ClientRequest {}
}
