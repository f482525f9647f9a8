package dev.awardsticker.contract.record;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A historical record of an award, e.g. most Golden Globe wins by one film: 6, held by One Flew Over the
 * Cuckoo's Nest (1976) and Midnight Express (1979). Reference data, on the compacted {@code award-records}
 * topic; Streams compares live results with it and writes the new value when a record falls.
 *
 * @param record                 what is measured: {@link #MOST_WINS}, or {@code youngest-winner:<category>} etc.
 * @param value                  wins, age in whole years at the ceremony, or for {@link #previousWinners} the
 *                               number of holders
 * @param source                 where the fact comes from, so a newsroom can check it
 * @param completeThroughEdition for {@link #previousWinners} only: the holders are every winner of every edition of
 *                               the award up to and including this one. Null means the list may miss some, and then
 *                               nobody may be called a first-time winner. An edition, not a year: some years had
 *                               two ceremonies (the Oscars in 1930).
 */
public record RecordReference(String award, String record, int value, List<RecordHolder> holders, String source,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer completeThroughEdition) {
    public static final String MOST_WINS = "most-wins-single-work";
    public static final String MOST_NOMINATIONS = "most-nominations-single-work";

    public RecordReference {
        holders = holders == null ? List.of() : List.copyOf(holders);
    }

    public RecordReference(String award, String record, int value, List<RecordHolder> holders, String source) {
        this(award, record, value, holders, source, null);
    }

    /** The same record of another award family (see CeremonyImport#withAward). */
    public RecordReference withAward(String otherAward) {
        return new RecordReference(otherAward, record, value, holders, source, completeThroughEdition);
    }

    public static String youngestWinner(String category) {
        return "youngest-winner:" + category;
    }

    public static String oldestWinner(String category) {
        return "oldest-winner:" + category;
    }

    /**
     * Everyone of a kind ({@code studio}: studios and networks) known to have won this award before, e.g.
     * {@code winners-before:studio}. Only with {@link #completeThroughEdition} can it tell a first win.
     */
    public static String previousWinners(String kind) {
        return "winners-before:" + kind;
    }

    public static String key(String award, String record) {
        return award + "|" + record;
    }

    public String key() {
        return key(award, record);
    }
}
