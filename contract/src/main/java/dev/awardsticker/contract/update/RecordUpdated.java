package dev.awardsticker.contract.update;

import dev.awardsticker.contract.record.RecordReference;

/**
 * A reference record as this event leaves it (La La Land's 7th win: most wins, now 7, held by La La Land). The
 * derived Streams app copies it to {@code award-records}, so later ceremonies are judged against it; the live
 * transaction writes no more than the update itself.
 */
public record RecordUpdated(RecordReference reference) implements Change {}
