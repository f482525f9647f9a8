package dev.awardsticker.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an editor says happened during the show, on {@code ceremony-commands} (beside the definitions). Corrections are events of their own, never edits of
 * history: the log keeps the wrong announcement and the fix.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WinAnnounced.class, name = "WinAnnounced"),
        @JsonSubTypes.Type(value = WinRetracted.class, name = "WinRetracted"),
        @JsonSubTypes.Type(value = WinCorrected.class, name = "WinCorrected")})
public sealed interface EditorEvent extends CeremonyCommand permits WinAnnounced, WinRetracted, WinCorrected {
    String category();

    /** The part an editor typed: two submits with the same id must agree on it to count as one. */
    @JsonIgnore
    String fingerprint();
}
