package dev.awardsticker.contract.tally;

import dev.awardsticker.contract.update.TallyUpdated.Subject;

/**
 * The current tally of one subject at one ceremony, absolute (not a delta), on the compacted
 * {@code ceremony-tallies-by-subject} topic: key {@code award|kind|name|ceremony}, partitioned by award, so all
 * ceremonies of one subject meet in one Streams task, and a ceremony's transaction touches one partition of this
 * topic, not all of them (the commit is what a live win waits for). Being absolute, a value delivered twice (a
 * replay, a re-posted definition) sets the same number twice instead of counting twice.
 */
public record CeremonyTally(String award, String ceremony, Subject subject, String name, int wins, int nominations) {

    /** The all-time subject this tally counts for: {@code award|kind|name}. */
    public String subjectKey() {
        return AllTimeTally.key(award, subject, name);
    }

    /** Compaction key: one value per subject and ceremony. */
    public String key() {
        return subjectKey() + "|" + ceremony;
    }
}
