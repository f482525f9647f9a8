package dev.awardsticker.ingest.history;

import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.history.HistoryLedger;
import dev.awardsticker.ingest.history.HistoryFile.HistoryCeremony;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The commands that import a history: per ceremony, in edition order, one {@link CeremonyImported} carrying its
 * definition, the history as it stood before it (folded from the ceremonies before it in the same file) and its
 * winners in order. One command per ceremony: the Streams app judges it whole, one transaction and one update, as it
 * stands once every winner is in. Every event id is derived from the ceremony, so importing again sends the same
 * commands, which the Streams app answers DUPLICATE: nothing changes.
 */
public final class HistoryPlan {
    public static final String EDITOR = "history-import";

    /** One ceremony's command. */
    public record Step(HistoryCeremony ceremony, CeremonyImported command) {}

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
            if (ceremony.definition().edition() >= fromEdition) {
                String id = ceremony.definition().id();
                steps.add(new Step(ceremony, new CeremonyImported(eventId(id), id, ceremony.definition(),
                        ceremony.wins(), ingestedAt, EDITOR, ledger.before(ceremony.definition()))));
            }
            ledger.add(ceremony.results());
        }
        return List.copyOf(steps);
    }

    /** The same for the same ceremony, on every run and machine. */
    static String eventId(String ceremony) {
        return "history-" + UUID.nameUUIDFromBytes(("imported\u0000" + ceremony).getBytes(StandardCharsets.UTF_8));
    }
}
