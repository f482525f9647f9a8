package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * A past ceremony to replay: its definition, its announcements in order (as made on stage, a wrong one
 * included) and the corrections made during the show. This record is also the JSON ceremony file's schema
 * ({@code definition}, {@code results}, {@code corrections}): see {@link CeremonyImportLoader#fromJson}.
 */
public record CeremonyImport(CeremonyDefinition definition, List<AnnouncedWin> results,
                             List<AnnouncedCorrection> corrections) {
    public CeremonyImport {
        results = List.copyOf(results);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    public CeremonyImport(CeremonyDefinition definition, List<AnnouncedWin> results) {
        this(definition, results, List.of());
    }

    /** The same ceremony under another id, e.g. to replay it again next to an earlier run. */
    public CeremonyImport withCeremonyId(String id) {
        CeremonyDefinition d = definition;
        return new CeremonyImport(new CeremonyDefinition(id, d.award(), d.title(), d.edition(), d.date(),
                d.broadcaster(), d.categories()), results, corrections);
    }

    /**
     * The same ceremony under another award family, whose reference records are its own: tests sharing one broker
     * use it so that no other test's ceremony of the same award moves the records they check against.
     */
    public CeremonyImport withAward(String award) {
        CeremonyDefinition d = definition;
        return new CeremonyImport(new CeremonyDefinition(d.id(), award, d.title(), d.edition(), d.date(),
                d.broadcaster(), d.categories()), results, corrections);
    }

    /** What a replay posts after the definition: each announcement, each correction right after the one it fixes. */
    public List<ReplayStep> steps() {
        List<ReplayStep> steps = new ArrayList<>();
        for (AnnouncedWin win : results) {
            steps.add(ReplayStep.win(definition.id(), win));
            corrections.stream().filter(c -> c.afterOrder() == win.order())
                    .forEach(c -> steps.add(ReplayStep.correction(definition.id(), c)));
        }
        return List.copyOf(steps);
    }
}
