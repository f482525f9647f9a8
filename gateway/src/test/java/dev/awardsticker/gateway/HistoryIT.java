package dev.awardsticker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.contract.Topics;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.contract.history.CeremonyResults;
import dev.awardsticker.testkit.KafkaBroker;
import dev.awardsticker.testkit.KafkaBrokerExtension;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/history} over real HTTP, from {@code award-history} on a real broker: two ceremonies in which a film
 * sets the most-wins record and another equals it, read back as the record's holders over time, a film's standing
 * and a name search; and the errors, each naming the parameter that was wrong.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HistoryIT {
    /** An award of this run only: other tests' histories on the shared broker stay out of the answers. */
    private static final String AWARD = "hist-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MOST_WINS = "most-wins-single-work";

    private static Vertx vertx;
    private static GatewayService gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        vertx = Vertx.vertx();
        gateway = GatewayService.start(vertx, GatewayConfig.of(broker.bootstrapServers(), 0))
                .await(10, TimeUnit.SECONDS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            // The first ceremony: Film One wins both its nominations; the second: Film Three equals it.
            for (CeremonyResults results : List.of(
                    ceremony(1, film("Film One", "tt1", "Ann One", "nm1"), film("Film Two", "tt2", "Nora Two", "nm2"),
                            "Film One"),
                    ceremony(2, film("Film Three", "tt3", "Nora Two", "nm2"), film("Film Four", "tt4", "Ann One", "nm1"),
                            "Film Three"))) {
                producer.send(new ProducerRecord<>(Topics.AWARD_HISTORY, results.key(), Json.bytes(results)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static Nominee film(String name, String id, String person, String personId) {
        return new Nominee(name, name, List.of(new Person(person, null, personId)), null, List.of(id), null);
    }

    /** Picture and Director, each between {@code a} and {@code b}; {@code winner} wins both. */
    private static CeremonyResults ceremony(int edition, Nominee a, Nominee b, String winner) {
        List<Category> categories = new ArrayList<>();
        for (String category : List.of("Picture", "Director")) {
            categories.add(new Category(category, List.of(a, b)));
        }
        CeremonyDefinition definition = new CeremonyDefinition(AWARD + "-" + edition, AWARD, edition + "th Awards",
                edition, LocalDate.of(2000 + edition, 3, 1), null, categories);
        return new CeremonyResults(definition, Map.of("Picture", List.of(winner), "Director", List.of(winner)));
    }

    private static Http.Response get(String path) {
        return Http.get(gateway.port(), path);
    }

    /** Waits until the gateway has folded both ceremonies (the reader runs on its own thread). */
    private static JsonNode records(String query) {
        String uri = "/api/history/" + AWARD + "/records" + query;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Response r = get(uri);
            return r.status() == 200 && r.json().path(0).path("timeline").size() == 2;
        });
        return get(uri).json();
    }

    @Test
    void eachRecordComesWithItsHoldersOverTime() {
        JsonNode all = records("");
        assertEquals(MOST_WINS, all.path(0).path("record").asText(), all::toString);

        JsonNode only = records("?record=" + MOST_WINS);
        assertEquals(1, only.size(), only::toString);
        JsonNode mostWins = only.path(0);
        assertEquals(2, mostWins.path("value").asInt());
        assertEquals(List.of("tt1", "tt3"), ids(mostWins.path("holders")));
        // Set at the 1st by Film One alone, equalled at the 2nd: oldest first.
        assertEquals(List.of("tt1"), ids(mostWins.path("timeline").path(0).path("holders")));
        assertEquals(List.of("tt1", "tt3"), ids(mostWins.path("timeline").path(1).path("holders")));
        assertEquals(AWARD + "-1", mostWins.path("holders").path(0).path("ceremony").asText());
        assertEquals(2001, mostWins.path("holders").path(0).path("year").asInt());
    }

    @Test
    void aSubjectsStandingAndTheRecordsItHolds() {
        records("");
        Http.Response film = get("/api/history/" + AWARD + "/subjects/tt1");
        assertEquals(200, film.status(), film.body());
        JsonNode career = film.json().path("career");
        assertEquals("Film One", career.path("name").asText());
        assertEquals("WORK", career.path("subject").asText());
        assertEquals(2, career.path("wins").asInt());
        assertEquals(2, career.path("nominations").asInt());
        assertTrue(film.json().path("holds").toString().contains(MOST_WINS), film.body());

        Http.Response found = get("/api/history/" + AWARD + "/subjects?name=NORA");
        assertEquals(200, found.status(), found.body());
        assertEquals(List.of("nm2"), ids(found.json()));
        assertEquals("Nora Two", found.json().path(0).path("name").asText());
    }

    @Test
    void badRequestsAreJsonErrorsNamingTheParameter() {
        records("");
        assertError(get("/api/history/no-such-award/records"), 404, "award");
        assertError(get("/api/history/" + AWARD + "/subjects/tt404"), 404, "id");
        assertError(get("/api/history/" + AWARD + "/subjects"), 400, "name");
        assertError(get("/api/history/" + AWARD + "/subjects?name=%20"), 400, "name");
        assertError(get("/api/history/" + AWARD + "/records?record=most-ever"), 404, "record");
    }

    private static void assertError(Http.Response response, int status, String parameter) {
        assertEquals(status, response.status(), response.body());
        assertEquals(parameter, response.json().path("parameter").asText(), response.body());
        assertTrue(response.json().path("error").asText().length() > 10, response.body());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.body());
    }

    private static List<String> ids(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
