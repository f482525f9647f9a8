package dev.awardsticker.contract.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything an editor sends about a ceremony, on {@code ceremony-commands}: its definition and the editor events
 * of the show (or, from an archive, the whole finished ceremony), in one topic keyed by ceremony id, so one partition
 * orders them by construction (a win can never be judged before a definition written ahead of it, whatever the
 * backlog). Every command gets a {@link WinVerdict}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DefinitionPosted.class, name = "DefinitionPosted"),
        @JsonSubTypes.Type(value = CeremonyImported.class, name = "CeremonyImported"),
        @JsonSubTypes.Type(value = WinAnnounced.class, name = "WinAnnounced"),
        @JsonSubTypes.Type(value = WinRetracted.class, name = "WinRetracted"),
        @JsonSubTypes.Type(value = WinCorrected.class, name = "WinCorrected")})
public sealed interface CeremonyCommand permits DefinitionPosted, CeremonyImported, EditorEvent {
    /** Identifies the command: client-supplied for editor events (idempotent submits), set by ingest for definitions. */
    String eventId();

    String ceremony();

    /** Epoch millis when ingest accepted the command; end-to-end latency is measured from here. */
    long ingestedAt();

    /** Editor who sent it, from the token table. */
    String editor();
}
