package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.ServiceLogging;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs every command of a ceremony, in partition order, through {@link CeremonyLedger} and writes the outcome:
 * one numbered update if anything changed (that update is the command's verdict: {@link WinVerdict#accepted}),
 * else one verdict on {@code win-verdicts} (DUPLICATE or REJECTED), and the state change in the ceremony's store.
 * Every command is thus answered by exactly one output record, on one output topic: the live transaction stays one
 * input, one store, one output. All of a ceremony's commands land in this one task (one topic, keyed by ceremony),
 * and under exactly-once the state, the sequence counter and the outputs commit together: no gap, no double count.
 */
public final class CeremonyProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(CeremonyProcessor.class);

    /**
     * A record written less than this long ago (its timestamp against this host's clock) means the app is caught up
     * with its input; {@link #process} then asks for a commit at once. Equal to the live app's commit interval.
     */
    static final long CAUGHT_UP_MS = 50;
    public static final String RECORDS_STORE = "award-records-store";
    static final String DEFINITION_DUPLICATE = "identical to the definition already held; nothing changed";
    static final String IMPORT_DUPLICATE = "the ticker holds this ceremony with exactly these results; nothing changed";

    private final EventOutcomes outcomes;
    private ProcessorContext<String, byte[]> context;
    private CeremonyStore ceremonies;
    private SeenEvents seen;
    private UpdatePublisher publisher;
    private DeadLetters deadLetters;
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
        this.ceremonies = new CeremonyStore(context.getStateStore(CeremonyStore.STORE));
        this.seen = new SeenEvents(ceremonies);
        this.publisher = new UpdatePublisher(context);
        this.deadLetters = new DeadLetters(context);
        this.records = context.getStateStore(RECORDS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        // Every log line about this record names its ceremony (and, once read, its event id): see ServiceLogging.
        try (var ceremony = MDC.putCloseable(ServiceLogging.CEREMONY, record.key());
             var eventId = MDC.putCloseable(ServiceLogging.EVENT_ID, null)) {
            CeremonyCommand command = Commands.read(record.key(), record.value());
            MDC.put(ServiceLogging.EVENT_ID, command.eventId());
            if (command instanceof DefinitionPosted posted) {
                onDefinition(record, posted);
            } else if (command instanceof CeremonyImported imported) {
                onImport(record, imported);
            } else {
                onEditorEvent(record, (EditorEvent) command);
            }
        } catch (Commands.PoisonRecord e) {
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

    private void onDefinition(Record<String, byte[]> record, DefinitionPosted posted) {
        CeremonyDefinition definition = posted.definition();
        String invalid = invalid(posted.ceremony(), definition);
        if (invalid != null) {
            reject(record, posted, invalid);
            return;
        }
        CeremonyStore.Loaded before = ceremonies.load(posted.ceremony());
        CeremonyLedger.Outcome outcome = CeremonyLedger.define(before == null ? null : before.state(),
                before == null ? null : before.tallies(), definition, posted.history(), record.timestamp(),
                this::liveRecord);
        if (outcome.result() == CeremonyLedger.Result.UNCHANGED) {
            publisher.verdict(record, new WinVerdict(posted.ceremony(), posted.eventId(), WinVerdict.Status.DUPLICATE,
                    DEFINITION_DUPLICATE, 0));
            outcomes.count(EventOutcomes.DUPLICATE);
            return;
        }
        // The update is the definition's verdict (ACCEPTED at its seq): nothing is written to win-verdicts.
        publish(record, before, outcome, posted);
        outcomes.count(EventOutcomes.DEFINED);
    }

    /** Why a command can't define {@code ceremony} with {@code definition} at all, or null when it can. */
    private static String invalid(String ceremony, CeremonyDefinition definition) {
        return definition.categories().isEmpty() ? "the definition has no categories"
                : !ceremony.equals(definition.id())
                ? "definition id '" + definition.id() + "' does not match ceremony '" + ceremony + "'" : null;
    }

    /** A whole ceremony from an archive: one update (its verdict, ACCEPTED), or one verdict on win-verdicts. */
    private void onImport(Record<String, byte[]> record, CeremonyImported imported) {
        String invalid = invalid(imported.ceremony(), imported.definition());
        if (invalid != null) {
            reject(record, imported, invalid);
            return;
        }
        CeremonyStore.Loaded before = ceremonies.load(imported.ceremony());
        CeremonyLedger.Outcome outcome = CeremonyLedger.imported(before == null ? null : before.state(),
                before == null ? null : before.tallies(), imported, record.timestamp(), this::liveRecord);
        switch (outcome.result()) {
            case UNCHANGED -> {
                publisher.verdict(record, new WinVerdict(imported.ceremony(), imported.eventId(),
                        WinVerdict.Status.DUPLICATE, IMPORT_DUPLICATE, before.state().lastSeq()));
                outcomes.count(EventOutcomes.DUPLICATE);
            }
            case REJECTED -> reject(record, imported, outcome.reason());
            case CHANGED -> {
                publish(record, before, outcome, imported);
                outcomes.count(EventOutcomes.DEFINED);
            }
        }
    }

    private void onEditorEvent(Record<String, byte[]> record, EditorEvent event) {
        WinVerdict again = seen.again(event);
        if (again != null) {
            publisher.verdict(record, again);
            outcomes.count(again.status() == WinVerdict.Status.DUPLICATE ? EventOutcomes.DUPLICATE
                    : EventOutcomes.REJECTED);
            return;
        }
        CeremonyStore.Loaded before = ceremonies.load(event.ceremony());
        CeremonyLedger.Outcome outcome = CeremonyLedger.apply(before == null ? null : before.state(),
                before == null ? null : before.tallies(), event, this::liveRecord);
        WinVerdict verdict;
        if (outcome.result() == CeremonyLedger.Result.REJECTED) {
            verdict = new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.REJECTED, outcome.reason(), 0);
            LOG.info("Rejected event {} of {}: {}", event.eventId(), event.ceremony(), outcome.reason());
        } else {
            long seq = publish(record, before, outcome, event);
            verdict = new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.ACCEPTED, null, seq);
        }
        // Remembered either way, so that a retry is answered DUPLICATE with the original seq (or the rejection).
        seen.remember(event, verdict);
        if (verdict.status() == WinVerdict.Status.ACCEPTED) {
            // Its update, just published, is its verdict: nothing on win-verdicts.
            outcomes.count(EventOutcomes.ACCEPTED);
        } else {
            publisher.verdict(record, verdict);
            outcomes.count(EventOutcomes.REJECTED);
        }
    }

    /** One update for the whole outcome, then the state with its new position; returns that position. */
    private long publish(Record<String, byte[]> record, CeremonyStore.Loaded before, CeremonyLedger.Outcome outcome,
                         CeremonyCommand command) {
        CeremonyState after = publisher.publish(record, outcome.state(), command.eventId(), command.ingestedAt(),
                outcome.changes());
        ceremonies.save(command.ceremony(), before, after, outcome.tallies());
        return after.lastSeq();
    }

    private void reject(Record<String, byte[]> record, CeremonyCommand command, String reason) {
        LOG.info("Rejected {} {} of {}: {}", command.getClass().getSimpleName(), command.eventId(), command.ceremony(),
                reason);
        publisher.verdict(record, new WinVerdict(command.ceremony(), command.eventId(), WinVerdict.Status.REJECTED,
                reason, 0));
        outcomes.count(EventOutcomes.REJECTED);
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        deadLetters.send(record, reason);
        outcomes.count(EventOutcomes.DEAD_LETTERED);
    }

    private RecordReference liveRecord(String key) {
        byte[] bytes = records.get(key);
        return bytes == null ? null : Json.read(bytes, RecordReference.class);
    }
}
