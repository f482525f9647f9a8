package dev.awardsticker.ingest.replay;

import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.event.CeremonyCommand;
import dev.awardsticker.contract.event.DefinitionPosted;
import dev.awardsticker.contract.event.WinAnnounced;
import dev.awardsticker.ingest.IngestFixture;
import dev.awardsticker.ingest.importer.AnnouncedWin;
import dev.awardsticker.ingest.importer.CeremonyImport;
import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReferenceRecordsLoader;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(KafkaBrokerExtension.class)
class ReplayerIT {

    @Test
    void replaysTheWhole74thGoldenGlobesInOrder(KafkaBroker broker) {
        CeremonyImport gg74 = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.GOLDEN_GLOBES_74);
        // Its own id, so the shared topic holds no other run of it.
        CeremonyImport ceremony = gg74.withCeremonyId("golden-globes-74-" + UUID.randomUUID().toString().substring(0, 8));
        String id = ceremony.definition().id();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        try (IngestFixture ingest = IngestFixture.startReady(broker.bootstrapServers())) {
            Replayer replayer = new Replayer(ingest.vertx(), ingest.baseUrl(), IngestFixture.ALICE_TOKEN, lines::add);
            ReplaySummary summary = IngestFixture.result(replayer.replay(ceremony,
                    ReferenceRecordsLoader.before(ceremony.definition()), Duration.ZERO));

            assertTrue(summary.succeeded(), summary.failures().toString());
            assertEquals(26, summary.winsPosted());
            assertEquals(26, summary.submitLatenciesMs().size());
            assertEquals(29, lines.size(), String.join("\n", lines));
            // records, definition, then the wins: the 23rd is the record-breaking one.
            // No Streams app here to decide anything: each is stored and pending.
            assertTrue(lines.get(1).startsWith("definition " + id + ": "
                    + ceremony.definition().categories().size() + " categories -> 202 PENDING ("), lines.get(1));
            assertEquals("PENDING", summary.definition().verdict());
            assertTrue(lines.get(24).startsWith("[23/26] Best Motion Picture – Musical or Comedy " + Replayer.ARROW
                    + " La La Land  202 PENDING  "), lines.get(24));

            // The definition first, then the wins, on the one partition of the ceremony.
            List<ConsumerRecord<String, byte[]>> landed = ingest.records(Topics.CEREMONY_COMMANDS,
                    r -> id.equals(r.key()), 27);
            List<CeremonyCommand> commands = landed.stream()
                    .map(r -> Json.read(r.value(), CeremonyCommand.class)).toList();
            assertEquals(ceremony.definition(), ((DefinitionPosted) commands.get(0)).definition());
            List<WinAnnounced> wins = commands.subList(1, commands.size()).stream()
                    .map(WinAnnounced.class::cast).toList();
            assertEquals(IntStream.rangeClosed(1, 26).mapToObj(i -> String.format("%s:win:%02d", id, i)).toList(),
                    wins.stream().map(WinAnnounced::eventId).toList());
            assertEquals(ceremony.results().stream().map(AnnouncedWin::nominee).toList(),
                    wins.stream().map(WinAnnounced::nominee).toList());
            assertTrue(wins.stream().allMatch(w -> w.editor().equals("alice") && !w.tie()));
            assertEquals(1, landed.stream().map(ConsumerRecord::partition).distinct().count());
            replayer.close();
        }
    }
}
