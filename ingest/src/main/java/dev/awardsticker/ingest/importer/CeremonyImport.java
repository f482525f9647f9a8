package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;

import java.util.List;

/** A past ceremony to replay: its definition and its results in announcement order. */
public record CeremonyImport(CeremonyDefinition definition, List<AnnouncedWin> results) {
    public CeremonyImport {
        results = List.copyOf(results);
    }

    /** The same ceremony under another id, e.g. to replay it again next to an earlier run. */
    public CeremonyImport withCeremonyId(String id) {
        CeremonyDefinition d = definition;
        return new CeremonyImport(new CeremonyDefinition(id, d.award(), d.title(), d.edition(), d.date(),
                d.broadcaster(), d.categories()), results);
    }
}
