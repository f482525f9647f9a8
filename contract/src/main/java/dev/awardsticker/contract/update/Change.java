package dev.awardsticker.contract.update;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One observable consequence of an editor event, inside a {@link CeremonyUpdate}'s {@code changes}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CeremonyDefined.class, name = "CeremonyDefined"),
        @JsonSubTypes.Type(value = WinnerDeclared.class, name = "WinnerDeclared"),
        @JsonSubTypes.Type(value = TallyUpdated.class, name = "TallyUpdated"),
        @JsonSubTypes.Type(value = LeaderboardChanged.class, name = "LeaderboardChanged"),
        @JsonSubTypes.Type(value = RecordUpdated.class, name = "RecordUpdated"),
        @JsonSubTypes.Type(value = RecordAlert.class, name = "RecordAlert"),
        @JsonSubTypes.Type(value = WinnerWithdrawn.class, name = "WinnerWithdrawn"),
        @JsonSubTypes.Type(value = AlertWithdrawn.class, name = "AlertWithdrawn")})
public sealed interface Change permits CeremonyDefined, WinnerDeclared, TallyUpdated, LeaderboardChanged,
        RecordUpdated, RecordAlert, WinnerWithdrawn, AlertWithdrawn {

    /**
     * Changes with the same key supersede each other, so a slow client's queue may keep only the newest (a
     * later update carries it). Null means never drop (definitions, winners, alerts and withdrawals must all
     * arrive). {@link LeaderboardChanged} is a delta: it is merged, not superseded.
     */
    @JsonIgnore
    default String conflationKey() {
        return null;
    }
}
