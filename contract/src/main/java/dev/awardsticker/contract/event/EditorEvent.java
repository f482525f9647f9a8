package dev.awardsticker.contract.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an editor says happened, on {@code ceremony-wins}. Corrections and retractions will join as further
 * subtypes: events of their own, never edits of history.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = WinAnnounced.class, name = "WinAnnounced")})
public sealed interface EditorEvent permits WinAnnounced {
    /** Client-supplied id that makes submits idempotent. */
    String eventId();

    String ceremony();

    /** Epoch millis when ingest accepted the event; end-to-end latency is measured from here. */
    long ingestedAt();

    /** Editor who entered it, from the token table. */
    String editor();
}
