package dev.awardsticker.streams.ceremony;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.event.EditorEvent;
import dev.awardsticker.contract.event.WinVerdict;

/**
 * Editor events already judged, by ceremony and event id, in the ceremony's store: a client retrying a submit
 * gets the first answer again and nothing counts twice. Every verdict is remembered, ACCEPTED included (with the
 * seq of the update that answered it, though no ACCEPTED record was written to {@code win-verdicts}), so a retry
 * of an accepted event is answered DUPLICATE with the original seq. Definitions are judged by content instead (the
 * one held is the memory), so their ids are not kept.
 */
public final class SeenEvents {
    /** Enough to answer a retry exactly as the first time. */
    record Seen(String fingerprint, WinVerdict verdict) {}

    private final CeremonyStore store;

    public SeenEvents(CeremonyStore store) {
        this.store = store;
    }

    /**
     * The verdict for {@code event} if its id was seen before: DUPLICATE (with the first position) for the same
     * body, REJECTED for another body under the same id (a client bug). Null for a new id.
     */
    public WinVerdict again(EditorEvent event) {
        byte[] bytes = store.get(CeremonyStore.eventKey(event.ceremony(), event.eventId()));
        if (bytes == null) {
            return null;
        }
        Seen seen = Json.read(bytes, Seen.class);
        return seen.fingerprint().equals(event.fingerprint())
                ? new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.DUPLICATE,
                "already processed as " + seen.verdict().status(), seen.verdict().firstSeq())
                : new WinVerdict(event.ceremony(), event.eventId(), WinVerdict.Status.REJECTED,
                "eventId was already used for a different event; use a new eventId for a new event", 0);
    }

    public void remember(EditorEvent event, WinVerdict verdict) {
        store.put(CeremonyStore.eventKey(event.ceremony(), event.eventId()),
                Json.bytes(new Seen(event.fingerprint(), verdict)));
    }
}
