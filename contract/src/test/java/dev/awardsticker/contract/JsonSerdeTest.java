package dev.awardsticker.contract;

import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.CeremonyImported;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.contract.event.WinVerdict;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.contract.tally.Leaderboard;
import dev.awardsticker.contract.update.AlertWithdrawn;
import dev.awardsticker.contract.update.CeremonyDefined;
import dev.awardsticker.contract.update.LeaderboardChanged;
import dev.awardsticker.contract.update.RecordUpdated;
import dev.awardsticker.contract.update.WinnerWithdrawn;
import dev.awardsticker.contract.update.CeremonyUpdate;
import dev.awardsticker.contract.update.Change;
import dev.awardsticker.contract.update.RecordAlert;
import dev.awardsticker.contract.update.TallyUpdated;
import dev.awardsticker.contract.update.WinnerDeclared;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSerdeTest {
    private final JsonSerde<CeremonyUpdate> serde = JsonSerde.of(CeremonyUpdate.class);

    @Test
    void everyKindOfChangeSurvivesTheRoundTrip() {
        CeremonyDefinition definition = new CeremonyDefinition("gg-1", "gg", "1st GG", 1, LocalDate.of(2017, 1, 8), "NBC",
                List.of(new Category("Best Director", List.of(new Nominee("Damien Chazelle", "La La Land",
                        List.of(new Person("Damien Chazelle", LocalDate.of(1985, 1, 19))), "Lionsgate")))));
        List<Change> changes = List.of(new CeremonyDefined(definition),
                new WinnerDeclared("Best Director", "Damien Chazelle", "La La Land", List.of("Damien Chazelle"),
                        "Lionsgate", false, "alice", 1, 26),
                new TallyUpdated(TallyUpdated.Subject.WORK, "La La Land", 7, 7),
                new RecordAlert("gg-1:most-wins-broken:La La Land", RecordAlert.Kind.RECORD_BROKEN, "RECORD BROKEN",
                        "La La Land", null, 7, "gg|most-wins-single-work", 6,
                        List.of(new RecordHolder("Midnight Express", 1979, null)), "LA Times"),
                new LeaderboardChanged(1, 26, List.of("Best Actor"),
                        List.of(new Leaderboard.Entry(1, "La La Land", 7, 7)), List.of("Old Work")),
                new RecordUpdated(new RecordReference("gg", RecordReference.MOST_WINS, 7,
                        List.of(new RecordHolder("La La Land", 2017, "gg-1")), "LA Times")),
                new WinnerWithdrawn("Best Director", "Damien Chazelle", "La La Land", "wrong", "alice", 0, 26),
                new AlertWithdrawn("gg-1:most-wins-broken:La La Land", "RECORD BROKEN", "no longer true"));
        // One update carries all of an event's changes, in order: every kind survives, and so does the order.
        CeremonyUpdate update = new CeremonyUpdate("gg-1", 42, 7, "e7", 1000, changes);
        assertEquals(update, serde.deserialize("t", serde.serialize("t", update)));
        assertEquals(changes, serde.deserialize("t", serde.serialize("t", update)).changes());
        // What a reader waiting for answers takes of it, without building its changes.
        assertEquals(WinVerdict.accepted(update), WinVerdict.acceptedFromUpdate(Json.bytes(update)));
        assertEquals(java.util.Map.of("Best Director", List.of("Damien Chazelle")), Json.field(Json.bytes(
                new dev.awardsticker.contract.history.CeremonyResults(definition, java.util.Map.of("Best Director",
                        List.of("Damien Chazelle")))), "winners", java.util.Map.class));
        assertEquals(null, Json.field(Json.bytes(update), "no-such-field", String.class));
    }

    @Test
    void commandsOfEveryKindShareOneTopicAndKeepTheirType() {
        JsonSerde<CeremonyCommand> commands = JsonSerde.of(CeremonyCommand.class);
        CeremonyDefinition definition = new CeremonyDefinition("gg-1", "gg", "1st GG", 1, LocalDate.of(2017, 1, 8),
                "NBC", List.of(new Category("Best Director", List.of(new Nominee("Damien Chazelle", "La La Land",
                        List.of(), "Lionsgate")))));
        for (CeremonyCommand command : List.of(new DefinitionPosted("d1", "gg-1", definition, 5, "alice"),
                new CeremonyImported("i1", "gg-1", definition, List.of(new CeremonyImported.Win("Best Director",
                        "Damien Chazelle", false)), 5, "archive", null),
                new WinAnnounced("e1", "gg-1", "Best Director", "Damien Chazelle", false, 6, "alice"))) {
            assertEquals(command, commands.deserialize("t", commands.serialize("t", command)));
        }
    }

    @Test
    void datesAreIsoTextAndTheChangeSaysItsType() {
        String json = new String(Json.bytes(new CeremonyUpdate("gg-1", 1, 1, null, 1,
                List.of(new TallyUpdated(TallyUpdated.Subject.PERSON, "Emma Stone", 1, 1)))), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"changes\":[{\"type\":\"TallyUpdated\""), json);
        assertTrue(new String(Json.bytes(new Person("x", LocalDate.of(1985, 1, 19))), StandardCharsets.UTF_8)
                .contains("\"1985-01-19\""));
    }

    @Test
    void tombstonesStayNullAndGarbageIsASerializationErrorNamingTheType() {
        assertNull(serde.deserialize("t", null));
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserialize("ceremony-updates", "{oops".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("Not a valid CeremonyUpdate on ceremony-updates"), e.getMessage());
    }

    @Test
    void onlyTalliesConflate() {
        assertEquals("tally|WORK|Moonlight", new TallyUpdated(TallyUpdated.Subject.WORK, "Moonlight", 1, 6).conflationKey());
        assertNull(new LeaderboardChanged(1, 1, List.of(), List.of(), List.of()).conflationKey());
        assertNull(new WinnerDeclared("c", "n", "w", List.of(), "s", false, "e", 1, 1).conflationKey());
    }
}
