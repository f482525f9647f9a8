package dev.awardsticker.streams.derived;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.contract.tally.CeremonyTally;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.streams.leaderboard.LeaderboardDelta;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the derived topics from {@code ceremony-updates}, off the live path: each {@code TallyUpdated} as an
 * absolute {@link CeremonyTally} on {@code ceremony-tallies} (and, works and people, on
 * {@code ceremony-tallies-by-subject} for the all-time totals), the full {@link Leaderboard} merged from the
 * {@code LeaderboardChanged} deltas, each {@code RecordUpdated}'s reference on {@code award-records}, and each
 * ceremony, once every category is decided, as {@link CeremonyResults} on {@code award-history}: an award's
 * history is what went through the ticker, imported or live.
 *
 * <p>Per ceremony it keeps only what an update does not carry: the award (from the definition) and the standing
 * so far, at the epoch and seq of the last update applied. An update at or below that seq was applied already
 * (nothing is written twice); an update of another epoch starts the ceremony over.
 */
public final class DerivedProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(DerivedProcessor.class);

    public static final String STORE = "derived-ceremonies";
    public static final String TALLIES_SINK = "tallies-sink";
    public static final String LEADERBOARD_SINK = "leaderboard-sink";
    public static final String TALLIES_BY_SUBJECT_SINK = "tallies-by-subject-sink";
    public static final String RECORDS_SINK = "records-sink";
    public static final String HISTORY_SINK = "history-sink";
    private static final TypeReference<Map<String, List<String>>> WINNERS = new TypeReference<>() {};

    /**
     * What the store keeps per ceremony.
     *
     * @param categories how many distinct category names the definition held has (0: not known, as in a value
     *                   stored before this field): fewer categories with a winner and the ceremony can't be complete,
     *                   so its definition, by far the largest value of the store, is not read for every win
     */
    record Ceremony(long epoch, long seq, String award, Leaderboard leaderboard, int categories) {}

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CeremonyUpdate update;
        try {
            update = record.value() == null ? null : Json.read(record.value(), CeremonyUpdate.class);
        } catch (RuntimeException e) {
            update = null;
        }
        if (update == null || update.ceremony() == null) {
            // Only the live app writes the topic, so this is a bug or a stray producer: never stop for it.
            LOG.warn("Skipping an unreadable ceremony update under key {}", record.key());
            return;
        }
        String ceremony = update.ceremony();
        byte[] stored = store.get(ceremony);
        Ceremony before = stored == null ? null : Json.read(stored, Ceremony.class);
        if (before != null && before.epoch() == update.epoch() && update.seq() <= before.seq()) {
            return;
        }
        if (before != null && before.epoch() != update.epoch()) {
            LOG.info("Ceremony {} starts a new history (epoch {} after {}): its standing starts over", ceremony,
                    update.epoch(), before.epoch());
            before = null;
        } else if (before != null && update.seq() != before.seq() + 1) {
            LOG.warn("Ceremony {}: update {} follows {}; updates in between were never seen", ceremony, update.seq(),
                    before.seq());
        }
        String award = before == null ? null : before.award();
        int categories = before == null ? 0 : before.categories();
        Leaderboard board = before == null ? null : before.leaderboard();
        boolean boardMoved = false;
        CeremonyDefinition definition = null;
        Map<String, List<String>> winners = null;
        for (Change change : update.changes()) {
            if (change instanceof WinnerDeclared declared) {
                winners = winners != null ? winners : winners(ceremony, before == null);
                winners.computeIfAbsent(declared.category(), c -> new ArrayList<>()).add(declared.nominee());
            } else if (change instanceof WinnerWithdrawn withdrawn) {
                winners = winners != null ? winners : winners(ceremony, before == null);
                List<String> left = winners.getOrDefault(withdrawn.category(), new ArrayList<>());
                left.remove(withdrawn.nominee());
                if (left.isEmpty()) {
                    winners.remove(withdrawn.category());
                }
            }
            if (change instanceof CeremonyDefined defined) {
                award = defined.definition().award();
                definition = defined.definition();
                categories = (int) definition.categories().stream().map(Category::name).distinct().count();
            } else if (change instanceof TallyUpdated tally) {
                tally(record, ceremony, award, tally);
            } else if (change instanceof LeaderboardChanged moved) {
                board = LeaderboardDelta.apply(board, ceremony, update.epoch(), update.seq(), moved);
                boardMoved = true;
            } else if (change instanceof RecordUpdated updated) {
                context.forward(new Record<>(updated.reference().key(), Json.bytes(updated.reference()),
                        record.timestamp()), RECORDS_SINK);
            }
        }
        if (boardMoved) {
            context.forward(new Record<>(ceremony, Json.bytes(board), record.timestamp()), LEADERBOARD_SINK);
        }
        store.put(ceremony, Json.bytes(new Ceremony(update.epoch(), update.seq(), award, board, categories)));
        if (definition != null) {
            store.put(DEFINITION + ceremony, Json.bytes(definition));
        } else if (before == null) {
            store.delete(DEFINITION + ceremony); // a new history of the ceremony: its old definition is gone
        }
        if (winners != null) {
            store.put(WINNERS_KEY + ceremony, Json.bytes(winners));
        } else if (before == null) {
            store.delete(WINNERS_KEY + ceremony);
        }
        if (definition != null || winners != null && winners.size() >= categories) {
            history(record, ceremony, definition, winners);
        }
    }

    /** Key prefixes of a ceremony's definition and winners (ceremony ids hold no '|', so no key collides). */
    private static final String DEFINITION = "d|";
    private static final String WINNERS_KEY = "w|";

    /** The ceremony's winners so far, by category (a new history of it starts with none). */
    private Map<String, List<String>> winners(String ceremony, boolean startOver) {
        byte[] stored = startOver ? null : store.get(WINNERS_KEY + ceremony);
        if (stored == null) {
            return new TreeMap<>();
        }
        try {
            Map<String, List<String>> read = Json.MAPPER.readValue(stored, WINNERS);
            Map<String, List<String>> copy = new TreeMap<>();
            read.forEach((category, names) -> copy.put(category, new ArrayList<>(names)));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Once every category is decided, the ceremony is history: its results go to award-history (again after a fix). */
    private void history(Record<String, byte[]> record, String ceremony, CeremonyDefinition changed,
                         Map<String, List<String>> changedWinners) {
        CeremonyDefinition definition = changed;
        if (definition == null) {
            byte[] stored = store.get(DEFINITION + ceremony);
            definition = stored == null ? null : Json.read(stored, CeremonyDefinition.class);
        }
        if (definition == null || definition.award() == null || definition.edition() <= 0) {
            return;
        }
        Map<String, List<String>> winners = changedWinners != null ? changedWinners : winners(ceremony, false);
        if (definition.categories().stream().anyMatch(c -> winners.getOrDefault(c.name(), List.of()).isEmpty())) {
            return;
        }
        CeremonyResults results = new CeremonyResults(definition, winners);
        context.forward(new Record<>(results.key(), Json.bytes(results), record.timestamp()), HISTORY_SINK);
    }

    private void tally(Record<String, byte[]> record, String ceremony, String award, TallyUpdated tally) {
        CeremonyTally value = new CeremonyTally(award, ceremony, tally.subject(), tally.name(), tally.wins(),
                tally.nominations());
        byte[] bytes = Json.bytes(value);
        context.forward(new Record<>(ceremony + "|" + tally.subject() + "|" + tally.name(), bytes, record.timestamp()),
                TALLIES_SINK);
        if (tally.subject() != TallyUpdated.Subject.STUDIO && award != null && !award.isBlank()) {
            context.forward(new Record<>(value.key(), bytes, record.timestamp()), TALLIES_BY_SUBJECT_SINK);
        }
    }
}
