package dev.awardsticker.gateway.view;

import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.gateway.feed.FeedUpdate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static dev.awardsticker.gateway.Fixtures.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The versions the feed thread publishes: immutable once made, whatever is applied after them, with a resume window
 * that spans the log's chunks and moves on without touching older versions.
 */
class CeremonyViewTest {
    private static final String ID = "versions";
    private static final long EPOCH = 3;
    /** Not a multiple of the log's chunk, so windows start and end inside chunks. */
    private static final int WINDOW = 300;
    private static final List<CeremonyUpdate> HISTORY = history(ID, EPOCH, 1_000);

    private final CeremonyWriter writer = new CeremonyWriter(ID, WINDOW);

    private void applyThrough(long seq) {
        for (long s = writer.lastSeq() + 1; s <= seq; s++) {
            assertEquals(CeremonyWriter.Outcome.APPLIED, writer.apply(FeedUpdate.encoded(HISTORY.get((int) s - 1))));
        }
    }

    private static List<Long> seqs(Catchup catchup) {
        return assertInstanceOf(Catchup.Resumed.class, catchup).missed().stream().map(FeedUpdate::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aVersionKeepsItsStateAndWindowWhileTheWriterMovesOn() {
        applyThrough(10);
        CeremonyView early = writer.publish();
        int winners = early.state().winners().size();
        int alerts = early.state().alerts().size();

        applyThrough(900);
        CeremonyView late = writer.publish();

        assertEquals(10, early.lastSeq());
        assertEquals(winners, early.state().winners().size(), "its state is a copy");
        assertEquals(alerts, early.state().alerts().size());
        assertTrue(late.state().alerts().size() > alerts);
        assertEquals(range(4, 10), seqs(early.resume(EPOCH, 3)), "its window still holds what it held");
        assertTrue(late.revision() > early.revision());
    }

    @Test
    void theResumeWindowSpansChunksAndMovesOn() {
        applyThrough(700); // window 401..700: the log's chunks from the one holding 401 to the one holding 700
        CeremonyView first = writer.publish();
        assertEquals(range(401, 700), seqs(first.resume(EPOCH, 400)), "the oldest update kept, across chunks");
        assertEquals(range(512, 700), seqs(first.resume(EPOCH, 511)), "from a chunk's first slot");
        assertTrue(assertInstanceOf(Catchup.Reset.class, first.resume(EPOCH, 399)).reason().contains("too old"));

        applyThrough(1_000); // window 701..1000: the chunks before 701 are dropped from the log
        CeremonyView second = writer.publish();
        assertEquals(range(701, 1_000), seqs(second.resume(EPOCH, 700)));
        assertInstanceOf(Catchup.Reset.class, second.resume(EPOCH, 650));
        assertEquals(range(401, 700), seqs(first.resume(EPOCH, 400)), "the older version is untouched");
    }

    @Test
    void aNewEpochStartsAFreshLogAndLeavesOldVersionsAlone() {
        applyThrough(20);
        CeremonyView old = writer.publish();
        writer.apply(FeedUpdate.encoded(history(ID, EPOCH + 1, 1).get(0)));
        CeremonyView fresh = writer.publish();
        assertEquals(1, fresh.lastSeq());
        assertEquals(List.of(), seqs(fresh.resume(EPOCH + 1, 1)));
        assertInstanceOf(Catchup.Reset.class, fresh.resume(EPOCH, 20));
        assertEquals(range(11, 20), seqs(old.resume(EPOCH, 10)));
    }
}
