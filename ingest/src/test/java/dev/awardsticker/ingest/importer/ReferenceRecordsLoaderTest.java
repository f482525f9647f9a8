package dev.awardsticker.ingest.importer;

import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceRecordsLoaderTest {
    private static final Map<String, RecordReference> BEFORE_2017 = ReferenceRecordsLoader
            .before(CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74).definition())
            .stream().collect(Collectors.toMap(RecordReference::key, Function.identity()));

    @Test
    void hasTheThreeRecordsTheStreamsAppComparesWith() {
        assertEquals(List.of("golden-globes|most-nominations-single-work", "golden-globes|most-wins-single-work",
                "golden-globes|youngest-winner:Best Director"), BEFORE_2017.keySet().stream().sorted().toList());
    }

    @Test
    void mostWinsIsSixSharedByTwoFilms() {
        RecordReference mostWins = BEFORE_2017.get(RecordReference.key("golden-globes", RecordReference.MOST_WINS));
        assertEquals(6, mostWins.value());
        assertEquals(List.of(new RecordHolder("One Flew Over the Cuckoo's Nest", 1976, "golden-globes-33"),
                new RecordHolder("Midnight Express", 1979, "golden-globes-36")), mostWins.holders());
        assertTrue(mostWins.source().contains("LA Times live blog"), mostWins.source());
        assertTrue(mostWins.source().startsWith("One Flew Over the Cuckoo's Nest (1976): "), mostWins.source());
    }

    @Test
    void youngestBestDirectorIsCoppolaAt33() {
        RecordReference youngest = BEFORE_2017.get(RecordReference.key("golden-globes",
                RecordReference.youngestWinner("Best Director")));
        assertEquals(33, youngest.value());
        assertEquals(List.of(new RecordHolder("Francis Ford Coppola", 1973, "golden-globes-30")), youngest.holders());
        assertTrue(youngest.source().contains("fox5dc.com"), youngest.source());
    }

    @Test
    void mostNominationsIsNashvillesEleven() {
        RecordReference nominations = BEFORE_2017.get(RecordReference.key("golden-globes",
                RecordReference.MOST_NOMINATIONS));
        assertEquals(11, nominations.value());
        assertEquals(List.of(new RecordHolder("Nashville", 1976, "golden-globes-33")), nominations.holders());
        assertTrue(nominations.source().contains("Guinness World Records"), nominations.source());
    }

    @Test
    void afterTheCeremonyTheNewHoldersCount() {
        Map<String, RecordReference> before2018 = ReferenceRecordsLoader.fromClasspath("golden-globes", 2018).stream()
                .collect(Collectors.toMap(RecordReference::record, Function.identity()));
        assertEquals(List.of(new RecordHolder("La La Land", 2017, "golden-globes-74")),
                before2018.get(RecordReference.MOST_WINS).holders());
        assertEquals(31, before2018.get(RecordReference.youngestWinner("Best Director")).value());
    }
}
