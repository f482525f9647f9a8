package dev.awardsticker.gateway;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.gateway.feed.FeedUpdate;

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

    /** An update carrying {@code changes}, in order, as the Streams app numbers one editor event. */
    public static CeremonyUpdate update(String ceremony, long epoch, long seq, Change... changes) {
        return new CeremonyUpdate(ceremony, epoch, seq, (changes.length > 0 && changes[0] instanceof CeremonyDefined
                ? "def-" : "evt-") + seq, 1_000_000L + seq, List.of(changes));
    }

    /** The first (for these fixtures usually the only) change of {@code update}. */
    public static Change first(CeremonyUpdate update) {
        return update.changes().get(0);
    }

    /**
     * The definition as the Streams app publishes it: the definition, then the standing it opens (every nominated
     * work at rank 1 without a win, both categories remaining).
     */
    public static CeremonyUpdate definitionEvent(String ceremony, long epoch, long seq) {
        return update(ceremony, epoch, seq, new CeremonyDefined(definition(ceremony)),
                new LeaderboardChanged(0, 2, List.of(PICTURE, DIRECTOR), List.of(
                        new Leaderboard.Entry(1, MOONLIGHT, 0, 2),
                        new Leaderboard.Entry(1, LA_LA_LAND, 0, 1),
                        new Leaderboard.Entry(1, "Lion", 0, 1)), List.of()));
    }

    /**
     * Moonlight wins Best Motion Picture - Drama, as one update: the winner, the tallies that moved, the leaderboard's
     * change, the alert it raises and the record it sets.
     */
    public static CeremonyUpdate moonlightWinsPicture(String ceremony, long epoch, long seq) {
        return update(ceremony, epoch, seq,
                new WinnerDeclared(PICTURE, MOONLIGHT, MOONLIGHT, List.of(), "A24", false, "editor-1", 1, 2),
                new TallyUpdated(TallyUpdated.Subject.WORK, MOONLIGHT, 1, 2),
                new TallyUpdated(TallyUpdated.Subject.STUDIO, "A24", 1, 3),
                new LeaderboardChanged(1, 2, List.of(DIRECTOR), List.of(
                        new Leaderboard.Entry(1, MOONLIGHT, 1, 2),
                        new Leaderboard.Entry(2, LA_LA_LAND, 0, 1),
                        new Leaderboard.Entry(2, "Lion", 0, 1)), List.of()),
                new RecordAlert("alert-" + seq, RecordAlert.Kind.RECORD_BROKEN, MOONLIGHT + " breaks a record",
                        MOONLIGHT, PICTURE, 1, RecordReference.MOST_WINS, 0, List.of(), "test fixture"),
                new RecordUpdated(new RecordReference("golden-globes", RecordReference.MOST_WINS, 1,
                        List.of(new RecordHolder(MOONLIGHT, 2017, ceremony)), "test fixture")));
    }

    /** Damien Chazelle (La La Land) wins Best Director: the winner, its tallies and the leaderboard's change. */
    public static CeremonyUpdate chazelleWinsDirector(String ceremony, long epoch, long seq) {
        return update(ceremony, epoch, seq,
                new WinnerDeclared(DIRECTOR, "Damien Chazelle", LA_LA_LAND, List.of("Damien Chazelle"), "Lionsgate",
                        false, "editor-1", 2, 2),
                new TallyUpdated(TallyUpdated.Subject.WORK, LA_LA_LAND, 1, 1),
                new TallyUpdated(TallyUpdated.Subject.PERSON, "Damien Chazelle", 1, 1),
                new TallyUpdated(TallyUpdated.Subject.STUDIO, "Lionsgate", 1, 1),
                new LeaderboardChanged(2, 2, List.of(), List.of(
                        new Leaderboard.Entry(1, LA_LA_LAND, 1, 1),
                        new Leaderboard.Entry(3, "Lion", 0, 1)), List.of()));
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
        return FeedUpdate.encoded(update);
    }
}
