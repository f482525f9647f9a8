package dev.awardsticker.streams.ceremony;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;

import java.io.IOException;

/** Reads a {@code ceremony-commands} record; what can't be judged at all is a {@link PoisonRecord}. */
final class Commands {
    private Commands() {}

    /** An input that cannot be processed as it is; it goes to the dead-letter topic with this reason. */
    static final class PoisonRecord extends RuntimeException {
        PoisonRecord(String reason) {
            super(reason, null, false, false);
        }
    }

    static CeremonyCommand read(String key, byte[] value) {
        if (key == null) {
            throw new PoisonRecord("record has no key; every ceremony topic is keyed by ceremony id");
        }
        if (value == null) {
            throw new PoisonRecord("command has no value");
        }
        CeremonyCommand command;
        try {
            command = Json.MAPPER.readValue(value, CeremonyCommand.class);
        } catch (JsonProcessingException e) {
            throw new PoisonRecord("not a valid CeremonyCommand: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonRecord("unreadable CeremonyCommand: " + e.getMessage());
        }
        String missing = missingField(command);
        if (missing != null) {
            throw new PoisonRecord(command.getClass().getSimpleName() + " has no " + missing);
        }
        if (!command.ceremony().equals(key)) {
            throw new PoisonRecord("command ceremony '" + command.ceremony() + "' does not match key '" + key + "'");
        }
        return command;
    }

    /** The first required field a command lacks, or null: such a command can't be judged, only parked. */
    private static String missingField(CeremonyCommand command) {
        if (command.eventId() == null) {
            return "eventId";
        } else if (command.ceremony() == null) {
            return "ceremony";
        } else if (command instanceof DefinitionPosted posted) {
            return posted.definition() == null ? "definition" : null;
        } else if (command instanceof CeremonyImported imported) {
            return imported.definition() == null ? "definition" : imported.winners() == null ? "winners"
                    : imported.winners().stream().anyMatch(w -> w == null || w.category() == null
                    || w.nominee() == null) ? "category or nominee in a win" : null;
        }
        EditorEvent event = (EditorEvent) command;
        if (event.category() == null) {
            return "category";
        } else if (event instanceof WinAnnounced w && w.nominee() == null
                || event instanceof WinRetracted r && r.nominee() == null
                || event instanceof WinCorrected c && c.nominee() == null) {
            return "nominee";
        } else if (event instanceof WinCorrected c && c.correctNominee() == null) {
            return "correctNominee";
        }
        return null;
    }
}
