package dev.awardsticker.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingest pointed at a port where no broker listens: every write is a prompt 503 that says how to retry. */
class UnreachableKafkaIT {
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static IngestFixture ingest;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ingest = IngestFixture.start(IngestFixture.config("127.0.0.1:" + closedPort, TIMEOUT));
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aDefinitionIsAnswered503WithRetryAfterWithinTheBound() {
        long start = System.nanoTime();
        HttpResponse<Buffer> response = ingest.post("/ceremonies", TestData.definitionJson("unreachable-1"));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(503, response.statusCode(), response.bodyAsString());
        assertEquals("1", response.getHeader("Retry-After"));
        String error = TestData.tree(response.bodyAsString()).get("error").asText();
        assertTrue(error.startsWith("Kafka is unreachable"), error);
        assertTrue(error.contains("send the same definition again"), error);
        assertTrue(elapsedMs < TIMEOUT.toMillis() + 1000, "answered after " + elapsedMs + " ms");
    }

    @Test
    void aWinIsAnswered503SayingToRetryWithTheSameEventId() {
        HttpResponse<Buffer> response = ingest.post("/ceremonies/unreachable-1/wins", TestData.winJson("w-1"));
        assertEquals(503, response.statusCode(), response.bodyAsString());
        assertTrue(response.getHeader("Retry-After") != null);
        String error = TestData.tree(response.bodyAsString()).get("error").asText();
        assertTrue(error.contains("send the same win again with the same eventId"), error);
    }

    @Test
    void isNotReadyAndSaysWhy() {
        HttpResponse<Buffer> response = ingest.get("/ready");
        assertEquals(503, response.statusCode());
        String error = TestData.tree(response.bodyAsString()).get("error").asText();
        assertTrue(error.contains("ceremony definitions") && error.contains("Kafka: no answer yet"), error);
        assertEquals("{\"status\":\"UP\"}", ingest.get("/health").bodyAsString());
    }
}
