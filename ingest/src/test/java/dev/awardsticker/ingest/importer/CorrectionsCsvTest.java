package dev.awardsticker.ingest.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The corrections csv of a data folder: read into the replay data, or refused naming file and line. */
class CorrectionsCsvTest {
    @TempDir
    Path dir;

    private Path folder(String corrections) throws IOException {
        Files.writeString(dir.resolve("ceremony.properties"), "id=mini-2\naward=mini\ntitle=Mini\nedition=2\n"
                + "date=2020-01-01\nnominees=n.csv\norder=o.csv\ncorrections=c.csv\n");
        Files.writeString(dir.resolve("n.csv"), "category,nominee,work,people,studio_or_network,won\n"
                + "Best Film,A,A,,,true\nBest Film,B,B,,,false\nBest Song,S,A,,,true\nBest Song,T,B,,,false\n");
        Files.writeString(dir.resolve("o.csv"), "order,category,approx_time_et\n1,Best Film,21:00\n2,Best Song,21:30\n");
        Files.writeString(dir.resolve("c.csv"), "category,announced,corrected_to,approx_time_et,reason\n" + corrections);
        return dir;
    }

    @Test
    void theWrongAnnouncementTakesTheCategorysPlaceAndTheCorrectionFollowsIt() throws IOException {
        CeremonyImport ceremony = CeremonyImportLoader.fromDirectory(folder("Best Film,B,A,21:04,wrong envelope\n"));
        assertEquals(List.of(new AnnouncedWin(1, "Best Film", "B", "21:00"), new AnnouncedWin(2, "Best Song", "S", "21:30")),
                ceremony.results());
        assertEquals(List.of(new AnnouncedCorrection(1, "Best Film", "B", "A", "wrong envelope", "21:04")),
                ceremony.corrections());
        assertEquals(List.of("mini-2:win:01", "mini-2:correction:01", "mini-2:win:02"),
                ceremony.steps().stream().map(ReplayStep::eventId).toList());
    }

    @Test
    void refusesACorrectionThatDoesNotFitTheNominees() throws IOException {
        String file = dir.resolve("c.csv").toString();
        assertEquals(file + " line 2 says 'Z' was announced, but it is not a nominee of Best Film",
                problem("Best Film,Z,A,,\n"));
        assertEquals(file + " line 2 corrects 'A', which the nominees file marks as a winner of Best Film: mark the"
                + " true winner won=true and the mistaken one false", problem("Best Film,A,B,,\n"));
        assertEquals(file + " line 2 corrects to 'B', which the nominees file does not mark as the winner of Best Film",
                problem("Best Film,B,B,,\n"));
        assertEquals(file + " line 2 corrects 'Best Drama', which is not a category of the nominees file",
                problem("Best Drama,A,B,,\n"));
        assertEquals(file + " line 3 corrects Best Film a second time: one correction per category",
                problem("Best Film,B,A,,\nBest Film,B,A,,\n"));
    }

    private String problem(String corrections) throws IOException {
        Path folder = folder(corrections);
        return assertThrows(IllegalStateException.class, () -> CeremonyImportLoader.fromDirectory(folder)).getMessage();
    }
}
