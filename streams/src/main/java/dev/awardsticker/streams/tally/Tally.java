package dev.awardsticker.streams.tally;

import dev.awardsticker.contract.update.TallyUpdated.Subject;

/** Wins and nominations of one subject (work, person or studio) at one ceremony. */
public record Tally(Subject subject, String name, int wins, int nominations) {
    public String key() {
        return subject + "|" + name;
    }
}
