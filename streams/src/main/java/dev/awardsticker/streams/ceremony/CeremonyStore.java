package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.history.HistoryBefore;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.streams.tally.Tally;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ceremony's state in the live app's one store ({@link #STORE}, in memory, logged), so that a command's state
 * change goes to one changelog partition. Keys of one ceremony share the prefix {@code <length of id>:<id>|}
 * (the length first, so no ceremony's keys are a prefix of another's, whatever characters ids and names hold):
 * <ul>
 *   <li>{@code h}: the head (epoch, lastSeq, standing alerts, record baselines and those published), written by
 *       every change: small</li>
 *   <li>{@code d}: the definition, written only when another one arrives</li>
 *   <li>{@code y}: the award's history before the ceremony, as its definition carried it (absent: none), written
 *       only when another one arrives</li>
 *   <li>{@code w|<category>}: that category's winners, written only when they change, deleted when none is left</li>
 *   <li>{@code e|<eventId>}: an editor event already judged ({@link SeenEvents})</li>
 * </ul>
 * So no command rewrites what it did not change: a value growing with the ceremony would make a history
 * O(n^2) bytes and, past a few thousand winners, pass Kafka's 1 MB record limit.
 */
public final class CeremonyStore {
    public static final String STORE = "ceremony-store";
    /** Parsed states kept per task: enough for the ceremonies of a live night; an import rotates through them. */
    static final int PARSED_STATES_KEPT = 64;

    /** What the head key holds. */
    record Head(long epoch, long lastSeq, Map<String, String> alerts, Map<String, RecordReference> baselines,
                Map<String, RecordReference> published) {}

    /**
     * A ceremony's state as last read from or written to the store, parsed, with its tallies. Valid while the head
     * in the store is this very array: every write of ours puts a new one, and a restore after a crash or an aborted
     * transaction fills the store with new arrays, so a stale entry is never taken for the stored state.
     */
    public record Loaded(byte[] head, CeremonyState state, Map<String, Tally> tallies) {}

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Loaded> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
            return size() > PARSED_STATES_KEPT;
        }
    };

    public CeremonyStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The ceremony's state, or null before its first definition; parsed again only when the stored head changed. */
    public Loaded load(String ceremony) {
        byte[] head = store.get(headKey(ceremony));
        if (head == null) {
            return null;
        }
        Loaded known = parsed.get(ceremony);
        if (known != null && known.head() == head) {
            return known;
        }
        Head stored = Json.read(head, Head.class);
        CeremonyDefinition definition = Json.read(store.get(definitionKey(ceremony)), CeremonyDefinition.class);
        Map<String, List<Winner>> winners = new TreeMap<>();
        String prefix = winnersPrefix(ceremony);
        try (KeyValueIterator<String, byte[]> categories = store.prefixScan(prefix, new StringSerializer())) {
            while (categories.hasNext()) {
                KeyValue<String, byte[]> category = categories.next();
                winners.put(category.key.substring(prefix.length()), List.of(Json.read(category.value, Winner[].class)));
            }
        }
        byte[] history = store.get(historyKey(ceremony));
        Loaded loaded = new Loaded(head, new CeremonyState(definition, stored.epoch(), stored.lastSeq(), winners,
                stored.alerts(), stored.baselines(), stored.published(),
                history == null ? null : Json.read(history, HistoryBefore.class)), null);
        parsed.put(ceremony, loaded);
        return loaded;
    }

    /** Writes what changed from {@code before} (null: nothing stored yet) to {@code after}. */
    public void save(String ceremony, Loaded before, CeremonyState after, Map<String, Tally> tallies) {
        CeremonyState previous = before == null ? null : before.state();
        // The ledger keeps the very definition object until another one is accepted, so identity tells.
        if (previous == null || previous.definition() != after.definition()) {
            store.put(definitionKey(ceremony), Json.bytes(after.definition()));
        }
        if (previous == null ? after.history() != null : previous.history() != after.history()) {
            if (after.history() == null) {
                store.delete(historyKey(ceremony));
            } else {
                store.put(historyKey(ceremony), Json.bytes(after.history()));
            }
        }
        Map<String, List<Winner>> stored = previous == null ? Map.of() : previous.winners();
        after.winners().forEach((category, winners) -> {
            if (!winners.equals(stored.get(category))) {
                store.put(winnersPrefix(ceremony) + category, Json.bytes(winners));
            }
        });
        for (String category : stored.keySet()) {
            if (!after.winners().containsKey(category)) {
                store.delete(winnersPrefix(ceremony) + category);
            }
        }
        byte[] head = Json.bytes(new Head(after.epoch(), after.lastSeq(), after.alerts(), after.baselines(),
                after.published()));
        store.put(headKey(ceremony), head);
        parsed.put(ceremony, new Loaded(head, after, tallies));
    }

    byte[] get(String key) {
        return store.get(key);
    }

    void put(String key, byte[] value) {
        store.put(key, value);
    }

    static String prefix(String ceremony) {
        return ceremony.length() + ":" + ceremony + "|";
    }

    static String headKey(String ceremony) {
        return prefix(ceremony) + "h";
    }

    static String definitionKey(String ceremony) {
        return prefix(ceremony) + "d";
    }

    static String historyKey(String ceremony) {
        return prefix(ceremony) + "y";
    }

    static String winnersPrefix(String ceremony) {
        return prefix(ceremony) + "w|";
    }

    static String eventKey(String ceremony, String eventId) {
        return prefix(ceremony) + "e|" + eventId;
    }
}
