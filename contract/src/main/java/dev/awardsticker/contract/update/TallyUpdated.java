package dev.awardsticker.contract.update;

/** Running tally of one work, person or studio at this ceremony. */
public record TallyUpdated(Subject subject, String name, int wins, int nominations) implements Change {
    public enum Subject { WORK, PERSON, STUDIO }

    @Override
    public String conflationKey() {
        return "tally|" + subject + "|" + name;
    }
}
