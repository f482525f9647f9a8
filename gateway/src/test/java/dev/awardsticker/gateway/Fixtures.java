package dev.awardsticker.gateway;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.gateway.feed.FeedUpdate;
import dev.awardsticker.gateway.ws.Frames;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A small ceremony and its updates, for unit and integration tests. */
public final class Fixtures {
    public static final String PICTURE = "Best Motion Picture - Drama";
    public static final String DIRECTOR = "Best Director";
    public static final String MOONLIGHT = "Moonlight";
    public static final String LA_LA_LAND = "La La Land";

    private Fixtures() {}

    /** The topic is shared by every test in the JVM: each test gets its own ceremony. */
    public static String uniqueCeremony(String hint) {
        return "test-" + hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static CeremonyDefinition definition(String ceremony) {
        return new CeremonyDefinition(ceremony, "golden-globes", "Test Awards " + ceremony, 74,
                LocalDate.of(2017, 1, 8), "NBC", List.of(
                new Category(PICTURE, List.of(
                        new Nominee(MOONLIGHT, MOONLIGHT, List.of(), "A24"),
                        new Nominee("Lion", "Lion", List.of(), "The Weinstein Company"))),
                new Category(DIRECTOR, List.of(
                        new Nominee("Damien Chazelle", LA_LA_LAND,
                                List.of(new Person("Damien Chazelle", LocalDate.of(1985, 1, 19))), "Lionsgate"),
                        new Nominee("Barry Jenkins", MOONLIGHT, List.of(new Person("Barry Jenkins", null)), "A24")))));
    }

    public static CeremonyUpdate update(String ceremony, long epoch, long seq, Change change) {
        return new CeremonyUpdate(ceremony, epoch, seq, change instanceof CeremonyDefined ? null : "evt-" + seq,
                1_000_000L + seq, change);
    }

    public static CeremonyUpdate defined(String ceremony, long epoch, long seq) {
        return update(ceremony, epoch, seq, new CeremonyDefined(definition(ceremony)));
    }

    public static CeremonyUpdate winner(String ceremony, long epoch, long seq, String category, String nominee,
                                        String work) {
        return update(ceremony, epoch, seq, new WinnerDeclared(category, nominee, work, List.of(), "A24", false,
                "editor-1", 1, 2));
    }

    public static CeremonyUpdate tally(String ceremony, long epoch, long seq, String work, int wins) {
        return update(ceremony, epoch, seq, new TallyUpdated(TallyUpdated.Subject.WORK, work, wins, 4));
    }

    public static CeremonyUpdate alert(String ceremony, long epoch, long seq, String category, String subject) {
        return update(ceremony, epoch, seq, new RecordAlert("alert-" + seq, RecordAlert.Kind.RECORD_BROKEN,
                subject + " breaks a record", subject, category, 7, "most-wins-single-work", 6, List.of(),
                "test fixture"));
    }

    /** {@code nominee} of {@code work} is no longer the winner of {@code category}. */
    public static CeremonyUpdate winnerWithdrawn(String ceremony, long epoch, long seq, String category, String nominee,
                                                 String work) {
        return update(ceremony, epoch, seq, new WinnerWithdrawn(category, nominee, work, "wrong envelope", "editor-2",
                0, 2));
    }

    /** Takes down the alert {@link #alert} raised at {@code alertSeq}. */
    public static CeremonyUpdate alertWithdrawn(String ceremony, long epoch, long seq, long alertSeq) {
        return update(ceremony, epoch, seq, new AlertWithdrawn("alert-" + alertSeq, "headline " + alertSeq,
                "no longer true: the win was corrected"));
    }

    /** A run of updates 1..n of one epoch: definition, then winners, tallies and alerts in turn. */
    public static List<CeremonyUpdate> history(String ceremony, long epoch, int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).mapToObj(seq -> switch ((int) (seq % 3)) {
            case 1 -> seq == 1 ? defined(ceremony, epoch, seq) : alert(ceremony, epoch, seq, PICTURE, MOONLIGHT);
            case 2 -> winner(ceremony, epoch, seq, PICTURE, MOONLIGHT, MOONLIGHT);
            default -> tally(ceremony, epoch, seq, MOONLIGHT, (int) seq);
        }).toList();
    }

    public static FeedUpdate feed(CeremonyUpdate update) {
        return new FeedUpdate(update, Frames.update(update));
    }
}
