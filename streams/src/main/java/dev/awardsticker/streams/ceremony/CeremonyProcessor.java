package dev.awardsticker.streams.ceremony;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.KafkaHeaders;
import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinCorrected;
import dev.awardsticker.contract.event.WinRetracted;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.CeremonyTally;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.streams.tally.Tally;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every event of a ceremony, in partition order, through {@link CeremonyLedger} and numbers what comes
 * out. All of a ceremony's inputs land in this one task (same key, same partition count), and under
 * exactly-once the state, the sequence counter and the outputs commit together: no gap, no double count.
 */
public final class CeremonyProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(CeremonyProcessor.class);

    /**
     * A ceremony's state, split so that no event rewrites what it did not change (a value per event that grew with
     * the ceremony made a history O(n^2) bytes and, past ~6,800 winners, over Kafka's 1 MB record limit):
     * {@link #STATE_STORE} holds the small head (epoch, lastSeq, standing alerts, record baselines), written by every
     * event; {@link #DEFINITION_STORE} the definition, written only when one arrives; {@link #WINNERS_STORE} each
     * category's winners under {@link #winnersKey}, written only when that category changes.
     */
    public static final String STATE_STORE = "ceremony-state";
    public static final String DEFINITION_STORE = "ceremony-definition";
    public static final String WINNERS_STORE = "ceremony-winners";
    /**
     * A record written less than this long ago (its timestamp against this host's clock) means the app is caught up
     * with its input; {@link #process} then asks for a commit at once. Equal to the live app's commit interval.
     */
    static final long CAUGHT_UP_MS = 50;
    /** Parsed states kept per task: enough for the ceremonies of a live night; an import rotates through them. */
    static final int PARSED_STATES_KEPT = 64;
    public static final String EVENT_ID_STORE = "event-ids";
    public static final String RECORDS_STORE = "award-records-store";

    public static final String UPDATES_SINK = "updates-sink";
    public static final String TALLIES_SINK = "tallies-sink";
    public static final String LEADERBOARD_SINK = "leaderboard-sink";
    public static final String TALLIES_BY_SUBJECT_SINK = "tallies-by-subject-sink";
    public static final String VERDICTS_SINK = "verdicts-sink";
    public static final String RECORDS_SINK = "records-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    /** What the event-ids store remembers per event: enough to answer a retry exactly as the first time. */
    record SeenEvent(String fingerprint, WinVerdict verdict) {}

    /** An input that cannot be processed as it is; it goes to the dead-letter topic with this reason. */
    static final class PoisonRecord extends RuntimeException {
        PoisonRecord(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A ceremony's state as last read from or written to the stores, parsed, with its tallies. Valid while the head
     * in the store is this very array: every write of ours puts a new one, and a restore after a crash or an aborted
     * transaction fills the store with new arrays, so a stale entry can never be taken for the stored state.
     *
     * @param storedWinners the winners as {@link #WINNERS_STORE} holds them (empty for a state read in the layout of
     *                      before the split, which the next write then completes)
     * @param definitionStored whether {@link #DEFINITION_STORE} holds the definition
     */
    private record Parsed(byte[] head, CeremonyState state, Map<String, Tally> tallies,
                          Map<String, List<Winner>> storedWinners, boolean definitionStored) {}

    private final EventOutcomes outcomes;
    private final Map<String, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PARSED_STATES_KEPT;
        }
    };
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, byte[]> definitions;
    private KeyValueStore<String, byte[]> winners;
    private KeyValueStore<String, byte[]> seenEvents;
    private KeyValueStore<String, byte[]> records;

    public CeremonyProcessor() {
        this(EventOutcomes.NONE);
    }

    public CeremonyProcessor(EventOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        this.definitions = context.getStateStore(DEFINITION_STORE);
        this.winners = context.getStateStore(WINNERS_STORE);
        parsed.clear();
        this.seenEvents = context.getStateStore(EVENT_ID_STORE);
        this.records = context.getStateStore(RECORDS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        // Every log line about this record names its ceremony (and, once read, its event id): see ServiceLogging.
        try (var ceremony = MDC.putCloseable(ServiceLogging.CEREMONY, record.key());
             var eventId = MDC.putCloseable(ServiceLogging.EVENT_ID, null)) {
            if (record.key() == null) {
                throw new PoisonRecord("record has no key; every ceremony topic is keyed by ceremony id");
            }
            if (Topics.CEREMONY_DEFINITIONS.equals(topic)) {
                onDefinition(record);
            } else {
                onEditorEvent(record);
            }
        } catch (PoisonRecord e) {
            deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            // A bug must not stop the ceremony: park the record with the reason and go on with the next one.
            LOG.error("Processing failed for a record of ceremony {}; sent to {}", record.key(), Topics.DEAD_LETTERS, e);
            deadLetter(record, "processing failed: " + e);
        }
        if (context.currentSystemTimeMs() - record.timestamp() < CAUGHT_UP_MS) {
            // Written moments ago, so we are caught up (live input): commit now rather than when the commit interval
            // says, so that a win arriving just after another is not held back. A backlog (an import, catching up
            // after a restart) is older than this and goes in transactions of the commit interval (StreamsAppConfig).
            context.commit();
        }
    }

    private void onDefinition(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("Ignoring a tombstone for ceremony {}: deleting a ceremony is not supported", record.key());
            return;
        }
        CeremonyDefinition definition = parse(record.value(), CeremonyDefinition.class);
        if (definition.id() == null || definition.categories().isEmpty()) {
            throw new PoisonRecord("definition has no id or no categories");
        }
        if (!definition.id().equals(record.key())) {
            throw new PoisonRecord("definition id '" + definition.id() + "' does not match key '" + record.key() + "'");
        }
        Parsed before = load(record.key());
        CeremonyLedger.Outcome outcome = CeremonyLedger.define(before == null ? null : before.state(),
                before == null ? null : before.tallies(), definition, record.timestamp(), this::liveRecord);
        publish(record, before, outcome, null, record.timestamp());
        outcomes.count(EventOutcomes.DEFINED);
    }

    private void onEditorEvent(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecord("editor event has no value");
        }
        EditorEvent event = parse(record.value(), EditorEvent.class);
        MDC.put(ServiceLogging.EVENT_ID, event.eventId());
        String missing = missingField(event);
        if (missing != null) {
            throw new PoisonRecord(event.getClass().getSimpleName() + " has no " + missing);
        }
        if (!event.ceremony().equals(record.key())) {
            throw new PoisonRecord("event ceremony '" + event.ceremony() + "' does not match key '" + record.key() + "'");
        }
        String seenKey = event.ceremony() + "|" + event.eventId();
        byte[] seenBytes = seenEvents.get(seenKey);
        if (seenBytes != null) {
            SeenEvent seen = Json.read(seenBytes, SeenEvent.class);
            // A retry of the same submit changes nothing; the same id with another body is a client bug.
            WinVerdict verdict = seen.fingerprint().equals(event.fingerprint())
                    ? new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.DUPLICATE,
                    "already processed as " + seen.verdict().status(), seen.verdict().firstSeq())
                    : new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.REJECTED,
                    "eventId was already used for a different event; use a new eventId for a new event", 0);
            forwardVerdict(record, verdict);
            outcomes.count(verdict.status() == WinVerdict.Status.DUPLICATE ? EventOutcomes.DUPLICATE : EventOutcomes.REJECTED);
            return;
        }
        Parsed before = load(record.key());
        CeremonyLedger.Outcome outcome = CeremonyLedger.apply(before == null ? null : before.state(),
                before == null ? null : before.tallies(), event, this::liveRecord);
        WinVerdict verdict;
        if (outcome.rejection().isPresent()) {
            verdict = new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.REJECTED,
                    outcome.rejection().get(), 0);
            LOG.info("Rejected event {} of {}: {}", event.eventId(), event.ceremony(), outcome.rejection().get());
        } else {
            long firstSeq = publish(record, before, outcome, event.eventId(), event.ingestedAt());
            verdict = new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.ACCEPTED, null, firstSeq);
        }
        seenEvents.put(seenKey, Json.bytes(new SeenEvent(event.fingerprint(), verdict)));
        forwardVerdict(record, verdict);
        outcomes.count(verdict.status() == WinVerdict.Status.ACCEPTED ? EventOutcomes.ACCEPTED : EventOutcomes.REJECTED);
    }

    /** Numbers the outcome's changes, writes them and the new state; returns the first sequence number. */
    private long publish(Record<String, byte[]> source, Parsed before, CeremonyLedger.Outcome outcome, String eventId,
                         long ingestedAt) {
        CeremonyState state = outcome.state();
        String ceremony = source.key();
        long seq = state.lastSeq();
        String award = state.definition().award();
        for (Change change : outcome.changes()) {
            seq++;
            byte[] update = Json.bytes(new CeremonyUpdate(ceremony, state.epoch(), seq, eventId, ingestedAt, change));
            context.forward(new Record<>(ceremony, update, source.timestamp()), UPDATES_SINK);
            if (change instanceof TallyUpdated tally) {
                context.forward(new Record<>(ceremony + "|" + tally.subject() + "|" + tally.name(), update,
                        source.timestamp()), TALLIES_SINK);
                if (tally.subject() != TallyUpdated.Subject.STUDIO && award != null && !award.isBlank()) {
                    // The ceremony's absolute value, for the all-time totals of works and people of its award.
                    CeremonyTally byAward = new CeremonyTally(award, ceremony, tally.subject(),
                            tally.name(), tally.wins(), tally.nominations());
                    context.forward(new Record<>(byAward.key(), Json.bytes(byAward), source.timestamp()),
                            TALLIES_BY_SUBJECT_SINK);
                }
            }
        }
        long lastSeq = seq;
        outcome.leaderboard().ifPresent(board -> context.forward(new Record<>(ceremony,
                Json.bytes(board.at(state.epoch(), lastSeq)), source.timestamp()), LEADERBOARD_SINK));
        for (RecordReference reference : outcome.newRecords()) {
            context.forward(new Record<>(reference.key(), Json.bytes(reference), source.timestamp()), RECORDS_SINK);
        }
        store(ceremony, before, state.withLastSeq(seq), outcome.tallies());
        return outcome.changes().isEmpty() ? 0 : state.lastSeq() + 1;
    }

    /**
     * Writes what changed: the head always (lastSeq, alerts, baselines: small), the definition when it is another
     * one, and the winners of each category whose winners changed (a category without winners is deleted).
     */
    private void store(String ceremony, Parsed before, CeremonyState state, Map<String, Tally> tallies) {
        if (before == null || !before.definitionStored() || before.state().definition() != state.definition()) {
            definitions.put(ceremony, Json.bytes(state.definition()));
        }
        Map<String, List<Winner>> stored = before == null ? Map.of() : before.storedWinners();
        for (Map.Entry<String, List<Winner>> category : state.winners().entrySet()) {
            if (!category.getValue().equals(stored.get(category.getKey()))) {
                winners.put(winnersKey(ceremony, category.getKey()), Json.bytes(category.getValue()));
            }
        }
        for (String category : stored.keySet()) {
            if (!state.winners().containsKey(category)) {
                winners.delete(winnersKey(ceremony, category));
            }
        }
        byte[] head = Json.bytes(new CeremonyState(null, state.epoch(), state.lastSeq(), Map.of(), state.alerts(),
                state.baselines()));
        states.put(ceremony, head);
        parsed.put(ceremony, new Parsed(head, state, tallies, state.winners(), true));
    }

    /**
     * Key of a category's winners: the ceremony id's length first, so that no ceremony's keys are a prefix of
     * another's and {@link #winnersPrefix} finds exactly one ceremony's categories (ids and names may hold any
     * character).
     */
    static String winnersKey(String ceremony, String category) {
        return winnersPrefix(ceremony) + category;
    }

    private static String winnersPrefix(String ceremony) {
        return ceremony.length() + ":" + ceremony + "|";
    }

    private void forwardVerdict(Record<String, byte[]> source, WinVerdict verdict) {
        context.forward(new Record<>(source.key(), Json.bytes(verdict), source.timestamp()), VERDICTS_SINK);
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        String from = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("unknown");
        LOG.warn("Dead-lettered a record from {} (key {}): {}", from, record.key(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DEAD_LETTER_SOURCE, from.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), DEAD_LETTERS_SINK);
        outcomes.count(EventOutcomes.DEAD_LETTERED);
    }

    /** The first required field an event lacks, or null: such an event can't be judged, only parked. */
    private static String missingField(EditorEvent event) {
        if (event.eventId() == null) {
            return "eventId";
        } else if (event.ceremony() == null) {
            return "ceremony";
        } else if (event.category() == null) {
            return "category";
        } else if (event instanceof WinAnnounced w && w.nominee() == null
                || event instanceof WinRetracted r && r.nominee() == null
                || event instanceof WinCorrected c && c.nominee() == null) {
            return "nominee";
        } else if (event instanceof WinCorrected c && c.correctNominee() == null) {
            return "correctNominee";
        }
        return null;
    }

    /** The ceremony's state (null before its first definition): parsed again only when the stored head changed. */
    private Parsed load(String ceremony) {
        byte[] head = states.get(ceremony);
        if (head == null) {
            return null;
        }
        Parsed known = parsed.get(ceremony);
        if (known != null && known.head() == head) {
            return known;
        }
        CeremonyState stored = Json.read(head, CeremonyState.class);
        if (stored.definition() != null) {
            // Written before the state was split: the whole state in one value. The next write splits it.
            Parsed legacy = new Parsed(head, stored, null, Map.of(), false);
            parsed.put(ceremony, legacy);
            return legacy;
        }
        CeremonyDefinition definition = Json.read(definitions.get(ceremony), CeremonyDefinition.class);
        Map<String, List<Winner>> all = new TreeMap<>();
        String prefix = winnersPrefix(ceremony);
        try (KeyValueIterator<String, byte[]> categories = winners.prefixScan(prefix, new StringSerializer())) {
            while (categories.hasNext()) {
                KeyValue<String, byte[]> category = categories.next();
                all.put(category.key.substring(prefix.length()), List.of(Json.read(category.value, Winner[].class)));
            }
        }
        CeremonyState state = new CeremonyState(definition, stored.epoch(), stored.lastSeq(), all, stored.alerts(),
                stored.baselines());
        Parsed loaded = new Parsed(head, state, null, state.winners(), true);
        parsed.put(ceremony, loaded);
        return loaded;
    }

    private RecordReference liveRecord(String key) {
        byte[] bytes = records.get(key);
        return bytes == null ? null : Json.read(bytes, RecordReference.class);
    }

    private static <T> T parse(byte[] value, Class<T> type) {
        try {
            return Json.MAPPER.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new PoisonRecord("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonRecord("unreadable " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
