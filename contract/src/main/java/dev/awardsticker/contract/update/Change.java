package dev.awardsticker.contract.update;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One observable change of a ceremony, carried by a {@link CeremonyUpdate}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CeremonyDefined.class, name = "CeremonyDefined"),
        @JsonSubTypes.Type(value = WinnerDeclared.class, name = "WinnerDeclared"),
        @JsonSubTypes.Type(value = TallyUpdated.class, name = "TallyUpdated"),
        @JsonSubTypes.Type(value = RecordAlert.class, name = "RecordAlert"),
        @JsonSubTypes.Type(value = WinnerWithdrawn.class, name = "WinnerWithdrawn"),
        @JsonSubTypes.Type(value = AlertWithdrawn.class, name = "AlertWithdrawn")})
public sealed interface Change permits CeremonyDefined, WinnerDeclared, TallyUpdated, RecordAlert, WinnerWithdrawn,
        AlertWithdrawn {

    /**
     * Updates with the same key supersede each other, so a slow client may be sent only the newest.
     * Null means never conflate (winners, alerts and withdrawals must all arrive).
     */
    @JsonIgnore
    default String conflationKey() {
        return null;
    }
}
