package dev.awardsticker.replay;

import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the ceremony the command line names, and the reference records to post with it. */
final class CeremonySource {
    private CeremonySource() {}

    /**
     * A built-in id, a folder with {@code ceremony.properties}, or a {@code .json} file. A name that is none of
     * these is a usage error; a file that is there but wrong fails with the loader's message (which file, which
     * line).
     */
    static CeremonyImport load(String name) {
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve(CeremonyImportLoader.SETTINGS))) {
                throw new UsageException(path + " is a folder without " + CeremonyImportLoader.SETTINGS
                        + ": a ceremony folder holds it and the csv files it names");
            }
            return CeremonyImportLoader.fromDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            if (!name.endsWith(".json")) {
                throw new UsageException(path + " is not a .json file: give a ceremony .json file, or the folder of"
                        + " a csv ceremony");
            }
            return CeremonyImportLoader.fromJson(path);
        }
        return CeremonyImportLoader.builtIn(name).orElseThrow(() -> new UsageException("no ceremony '" + name
                + "': not a built-in id (" + String.join(", ", CeremonyImportLoader.BUILT_IN)
                + "), nor a folder or .json file that exists"));
    }

    /** The records to post: none, those of a folder, or the shipped ones of the ceremony's award if any. */
    static List<RecordReference> records(Options options, CeremonyImport ceremony) {
        if (options.noRecords()) {
            return List.of();
        }
        String award = ceremony.definition().award();
        int year = ceremony.definition().date().getYear();
        if (options.records() != null) {
            if (!Files.isRegularFile(options.records().resolve(award + ".properties"))) {
                throw new UsageException(options.records() + " has no " + award + ".properties for the ceremony's award");
            }
            return ReferenceRecordsLoader.fromDirectory(options.records(), award, year);
        }
        boolean shipped = CeremonySource.class.getClassLoader()
                .getResource(ReferenceRecordsLoader.FOLDER + "/" + award + ".properties") != null;
        return shipped ? ReferenceRecordsLoader.fromClasspath(award, year) : List.of();
    }
}
