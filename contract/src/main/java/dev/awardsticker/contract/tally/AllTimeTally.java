package dev.awardsticker.contract.tally;

import dev.awardsticker.contract.update.TallyUpdated.Subject;

/**
 * Wins and nominations of one work or person summed over every ceremony of an award the Streams app has seen, on
 * the compacted {@code all-time-tallies} topic, key {@code award|kind|name} (e.g. {@code golden-globes|WORK|La La Land}).
 * Exact under corrections, definition fixes and replays: it is recomputed from each ceremony's current tally.
 *
 * @param ceremonies how many ceremonies it was nominated at
 */
public record AllTimeTally(String award, Subject subject, String name, int wins, int nominations, int ceremonies) {

    public static String key(String award, Subject subject, String name) {
        return award + "|" + subject + "|" + name;
    }

    public String key() {
        return key(award, subject, name);
    }
}
