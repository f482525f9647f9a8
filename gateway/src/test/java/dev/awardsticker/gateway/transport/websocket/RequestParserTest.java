package dev.awardsticker.gateway.transport.websocket;

import dev.awardsticker.gateway.transport.websocket.ClientRequest.Ping;
import dev.awardsticker.gateway.view.Filter;
import dev.awardsticker.gateway.view.ResumePoint;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Subscribe;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Unsubscribe;
import dev.awardsticker.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    @Test
    void parsesAPlainSubscribe() {
        Subscribe subscribe = assertInstanceOf(Subscribe.class,
                RequestParser.parse("{\"op\":\"subscribe\",\"ceremony\":\"golden-globes-74\"}"));
        assertEquals("golden-globes-74", subscribe.ceremony());
        assertNull(subscribe.resume());
        assertEquals(Filter.NONE, subscribe.filter());
    }

    @Test
    void parsesResumeAndFilter() {
        Subscribe subscribe = assertInstanceOf(Subscribe.class, RequestParser.parse("""
                {"op":"subscribe","ceremony":"golden-globes-74","epoch":1700000000000,"lastSeq":41,
                 "filter":{"alertsOnly":false,"categories":["Best Director"],"works":["Moonlight","La La Land"]}}"""));
        assertEquals(new ResumePoint(1_700_000_000_000L, 41), subscribe.resume());
        assertEquals(new Filter(false, Set.of("Best Director"), Set.of("Moonlight", "La La Land")), subscribe.filter());
    }

    @Test
    void parsesUnsubscribeAndPing() {
        assertEquals(new Unsubscribe("oscars-89"),
                RequestParser.parse("{\"op\":\"unsubscribe\",\"ceremony\":\"oscars-89\"}"));
        assertInstanceOf(Ping.class, RequestParser.parse("{\"op\":\"ping\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            hello                                                         | not valid JSON
            [1,2]                                                         | must be a JSON object
            ''                                                            | must be a JSON object
            {}                                                            | missing "op"
            {"op":7}                                                      | missing "op"
            {"op":"dance"}                                                | unknown op "dance"
            {"op":"subscribe"}                                            | subscribe needs "ceremony"
            {"op":"subscribe","ceremony":"  "}                            | subscribe needs "ceremony"
            {"op":"unsubscribe"}                                          | unsubscribe needs "ceremony"
            {"op":"subscribe","ceremony":"c","epoch":3}                   | got only "epoch"
            {"op":"subscribe","ceremony":"c","lastSeq":3}                 | got only "lastSeq"
            {"op":"subscribe","ceremony":"c","epoch":1,"lastSeq":-1}      | "lastSeq" must be a whole number
            {"op":"subscribe","ceremony":"c","epoch":"1","lastSeq":1}     | "epoch" must be a whole number
            {"op":"subscribe","ceremony":"c","epoch":1.5,"lastSeq":1}     | "epoch" must be a whole number
            {"op":"subscribe","ceremony":"c","lastseq":1}                 | unknown field "lastseq" in subscribe
            {"op":"subscribe","ceremony":"c","filter":true}               | "filter" must be an object
            {"op":"subscribe","ceremony":"c","filter":{"alertsOnly":1}}   | "filter.alertsOnly" must be true or false
            {"op":"subscribe","ceremony":"c","filter":{"works":"x"}}      | "filter.works" must be an array
            {"op":"subscribe","ceremony":"c","filter":{"categories":[1]}} | "filter.categories" must contain only strings
            {"op":"subscribe","ceremony":"c","filter":{"colour":"red"}}   | unknown field "colour" in filter
            {"op":"ping","extra":1}                                       | unknown field "extra" in ping
            """)
    void rejectsBadFramesWithAMessageNamingTheProblem(String frame, String expected) {
        BadRequestException error = assertThrows(BadRequestException.class, () -> RequestParser.parse(frame));
        assertTrue(error.getMessage().contains(expected), () -> "message was: " + error.getMessage());
        assertEquals(0, error.getStackTrace().length, "expected user errors carry no stack trace");
    }

    @Test
    void echoesLongClientTextOnlyInPart() {
        String op = "x".repeat(10_000);
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> RequestParser.parse("{\"op\":\"" + op + "\"}"));
        assertTrue(error.getMessage().length() < 200, error.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Golden-Globes", "golden globes", "-74", "<script>", "a/b",
            "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"})
    void rejectsWhatIsNotACeremonyId(String id) {
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> RequestParser.parse(Json.text(java.util.Map.of("op", "subscribe", "ceremony", id))));
        assertTrue(error.getMessage().contains("not a ceremony id"), error.getMessage());
    }
}
