package dev.awardsticker.gateway.ws;

/** A frame a client sent, once parsed and checked by {@link RequestParser}. */
public sealed interface ClientRequest {

    /** Where a client left off: the epoch and the seq of the last update it applied. */
    record ResumePoint(long epoch, long lastSeq) {}

    /** Start (or replace) a subscription; {@code resume} is null for a fresh snapshot. */
    record Subscribe(String ceremony, ResumePoint resume, Filter filter) implements ClientRequest {}

    record Unsubscribe(String ceremony) implements ClientRequest {}

    record Ping() implements ClientRequest {}
}
