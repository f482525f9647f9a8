package dev.awardsticker.contract;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceLoggingTest {

    @Test
    void jsonLinesCarryTheEventsCeremonyAndId() throws Exception {
        String line = logOneLine("json");
        JsonNode json = Json.MAPPER.readTree(line);
        assertEquals("INFO", json.path("level").asText());
        assertEquals("WinAnnounced by ana: ACCEPTED seq 195", json.path("formattedMessage").asText());
        assertEquals("golden-globes-74", json.path("mdc").path(ServiceLogging.CEREMONY).asText());
        assertEquals("golden-globes-74:win:23", json.path("mdc").path(ServiceLogging.EVENT_ID).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", ""})
    void textLinesEndWithTheEventsCeremonyAndId(String format) throws Exception {
        String line = logOneLine(format);
        assertTrue(line.contains("WinAnnounced by ana: ACCEPTED seq 195 [ceremony=golden-globes-74, eventId=golden-globes-74:win:23]")
                || line.contains("WinAnnounced by ana: ACCEPTED seq 195 [eventId=golden-globes-74:win:23, ceremony=golden-globes-74]"), line);
    }

    /** Configures a fresh logback context from the services' file, as a Main would, and logs one event line. */
    private static String logOneLine(String format) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        // The MDC that ServiceLogging.event fills is SLF4J's, which the default context reads; so must this one.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            if (!format.isEmpty()) {
                context.putProperty("LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ServiceLogging.class.getClassLoader().getResource(ServiceLogging.CONFIG));
            try (var ignored = ServiceLogging.event("golden-globes-74", "golden-globes-74:win:23")) {
                context.getLogger("test").info("WinAnnounced by {}: ACCEPTED seq {}", "ana", 195);
            }
        } finally {
            context.stop();
            System.setOut(original);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }
}
