package dev.awardsticker.contract.record;

import java.util.List;

/**
 * A historical record of an award, e.g. most Golden Globe wins by one film: 6, held by One Flew Over the
 * Cuckoo's Nest (1976) and Midnight Express (1979). Reference data, on the compacted {@code award-records}
 * topic; Streams compares live results with it and writes the new value when a record falls.
 *
 * @param record what is measured: {@link #MOST_WINS}, or {@code youngest-winner:<category>} etc.
 * @param value  wins, or age in whole years at the ceremony
 * @param source where the fact comes from, so a newsroom can check it
 */
public record RecordReference(String award, String record, int value, List<RecordHolder> holders, String source) {
    public static final String MOST_WINS = "most-wins-single-work";
    public static final String MOST_NOMINATIONS = "most-nominations-single-work";

    public RecordReference {
        holders = holders == null ? List.of() : List.copyOf(holders);
    }

    public static String youngestWinner(String category) {
        return "youngest-winner:" + category;
    }

    public static String oldestWinner(String category) {
        return "oldest-winner:" + category;
    }

    public static String key(String award, String record) {
        return award + "|" + record;
    }

    public String key() {
        return key(award, record);
    }
}
