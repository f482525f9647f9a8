package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.ingest.history.HistoryFile.HistoryCeremony;
import dev.awardsticker.ingest.history.HistoryFile.Win;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The commands that import a history: per ceremony, in edition order, its definition carrying the history as it
 * stood before it (folded from the ceremonies before it in the same file), then its winners. Every event id is
 * derived from ceremony, category and nominee, so importing again sends the same commands, which the Streams app
 * answers DUPLICATE (a definition identical to the one held is a duplicate too): nothing changes.
 */
public final class HistoryPlan {
    public static final String EDITOR = "history-import";

    /** One ceremony's commands. */
    public record Step(HistoryCeremony ceremony, DefinitionPosted definition, List<WinAnnounced> wins) {
        public int commands() {
            return 1 + wins.size();
        }
    }

    private HistoryPlan() {}

    /** The ceremonies up to {@code throughEdition} (all: {@link Integer#MAX_VALUE}). */
    public static List<Step> of(List<HistoryCeremony> ceremonies, int throughEdition, long ingestedAt) {
        return of(ceremonies, 1, throughEdition, ingestedAt);
    }

    /**
     * The ceremonies from {@code fromEdition} to {@code throughEdition}; each one's history still counts every
     * ceremony of the file before it (the earlier ones are expected to be imported already).
     */
    public static List<Step> of(List<HistoryCeremony> ceremonies, int fromEdition, int throughEdition,
                                long ingestedAt) {
        if (ceremonies.isEmpty()) {
            return List.of();
        }
        HistoryLedger ledger = new HistoryLedger(ceremonies.get(0).definition().award());
        List<Step> steps = new ArrayList<>();
        for (HistoryCeremony ceremony : ceremonies) {
            if (ceremony.definition().edition() > throughEdition) {
                break;
            }
            String id = ceremony.definition().id();
            HistoryBefore before = ledger.before(ceremony.definition());
            DefinitionPosted definition = new DefinitionPosted(eventId(id, "definition", ""), id,
                    ceremony.definition(), ingestedAt, EDITOR, before);
            List<WinAnnounced> wins = new ArrayList<>();
            for (Win win : ceremony.wins()) {
                wins.add(new WinAnnounced(eventId(id, win.category(), win.nominee()), id, win.category(),
                        win.nominee(), win.tie(), ingestedAt, EDITOR));
            }
            if (ceremony.definition().edition() >= fromEdition) {
                steps.add(new Step(ceremony, definition, List.copyOf(wins)));
            }
            ledger.add(ceremony.results());
        }
        return List.copyOf(steps);
    }

    /** The same for the same ceremony, category and nominee, on every run and machine. */
    static String eventId(String ceremony, String category, String nominee) {
        return "history-" + UUID.nameUUIDFromBytes(String.join("\u0000", ceremony, category, nominee)
                .getBytes(StandardCharsets.UTF_8));
    }
}
