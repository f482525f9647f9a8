package dev.awardsticker.contract.record;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who holds (or shares) a record: a work or person, and the ceremony year it was set.
 *
 * @param ageDays for age records only: the holder's age at that ceremony in days, when the birth and ceremony
 *                dates are known. Whole years can't tell Damien Chazelle (32 years 38 days at the 89th Oscars)
 *                from Norman Taurog (32 years 260 days in 1931); null means only the whole years in the
 *                record's value are known, and only a strictly smaller number of years counts as younger.
 * @param id      the holder's stable id (IMDb) when the record is derived from a history: who holds a record is
 *                decided by id, the name is for display
 */
public record RecordHolder(String name, Integer year, String ceremony,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer ageDays,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String id) {

    public RecordHolder(String name, Integer year, String ceremony, Integer ageDays) {
        this(name, year, ceremony, ageDays, null);
    }

    public RecordHolder(String name, Integer year, String ceremony) {
        this(name, year, ceremony, null, null);
    }
}
