package dev.awardsticker.ingest.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static dev.awardsticker.ingest.web.ApiErrorAssert.assertApiError;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JsonBodyTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("", "The body is empty"),
                arguments("   ", "The body holds no JSON value"),
                arguments("{\"eventId\": ", "line 1, column"),
                arguments("{\"eventId\": \"a\"} extra", "line 1, column"),
                arguments("{\"a\": 1,\n \"a\": 2}", "line 2, column"),
                arguments("{\"a\": tru}", "line 1, column"));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("malformed")
    void malformedJsonIs400SayingWhere(String body, String expected) {
        String message = assertApiError(400, null,
                () -> JsonBody.parse(body.getBytes(StandardCharsets.UTF_8))).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
