package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Academy Awards' reference records as they stood before the 89th. */
class AcademyAwardsRecordsTest {
    private static final Map<String, RecordReference> BEFORE_89TH = ReferenceRecordsLoader
            .before(CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89).definition())
            .stream().collect(Collectors.toMap(RecordReference::record, Function.identity()));

    @Test
    void hasTheThreeRecordsTheStreamsAppComparesWith() {
        assertEquals(List.of(RecordReference.MOST_NOMINATIONS, RecordReference.MOST_WINS,
                RecordReference.youngestWinner("Best Director")), BEFORE_89TH.keySet().stream().sorted().toList());
        BEFORE_89TH.values().forEach(r -> assertEquals("academy-awards", r.award()));
    }

    @Test
    void mostWinsIsElevenSharedByThreeFilms() {
        RecordReference mostWins = BEFORE_89TH.get(RecordReference.MOST_WINS);
        assertEquals(11, mostWins.value());
        assertEquals(List.of(new RecordHolder("Ben-Hur", 1960, null),
                new RecordHolder("Titanic", 1998, "academy-awards-70"),
                new RecordHolder("The Lord of the Rings: The Return of the King", 2004, null)), mostWins.holders());
        assertTrue(mostWins.source().contains("Guinness World Records"), mostWins.source());
    }

    @Test
    void mostNominationsIsFourteenBeforeLaLaLandTiedIt() {
        RecordReference most = BEFORE_89TH.get(RecordReference.MOST_NOMINATIONS);
        assertEquals(14, most.value());
        assertEquals(List.of("All About Eve", "Titanic"), most.holders().stream().map(RecordHolder::name).toList());
    }

    @Test
    void youngestBestDirectorIsTaurogAt32Years260Days() {
        RecordReference youngest = BEFORE_89TH.get(RecordReference.youngestWinner("Best Director"));
        assertEquals(32, youngest.value());
        RecordHolder taurog = youngest.holders().get(0);
        assertEquals(new RecordHolder("Norman Taurog", 1931, "academy-awards-4", 11947), taurog);
        // Born 1899-02-23, 4th Academy Awards 1931-11-10: the sourced dates give the sourced 32 years 260 days.
        assertEquals(ChronoUnit.DAYS.between(LocalDate.of(1899, 2, 23), LocalDate.of(1931, 11, 10)),
                (long) taurog.ageDays());
        assertEquals(LocalDate.of(1931, 11, 10), LocalDate.of(1899, 2, 23).plusYears(32).plusDays(260));
        assertEquals(1, youngest.holders().size(), "Chazelle's own row (2017) is not a record before the 89th");
    }

    @Test
    void afterThe89thChazelleHoldsIt() {
        RecordReference youngest = ReferenceRecordsLoader.fromClasspath("academy-awards", 2018).stream()
                .filter(r -> r.record().equals(RecordReference.youngestWinner("Best Director"))).findFirst().orElseThrow();
        assertEquals(List.of(new RecordHolder("Norman Taurog", 1931, "academy-awards-4", 11947),
                new RecordHolder("Damien Chazelle", 2017, "academy-awards-89", 11726)), youngest.holders());
    }
}
