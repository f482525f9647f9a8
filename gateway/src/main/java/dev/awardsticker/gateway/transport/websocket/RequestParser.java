package dev.awardsticker.gateway.transport.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.Json;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Ping;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Subscribe;
import dev.awardsticker.gateway.transport.websocket.ClientRequest.Unsubscribe;
import dev.awardsticker.gateway.view.Filter;
import dev.awardsticker.gateway.view.ResumePoint;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses client frames (see PROTOCOL.md). Strict: an unknown field is an error rather than silently ignored,
 * so a typo such as {@code "lastseq"} is reported instead of quietly costing the client its resume.
 */
public final class RequestParser {
    public static final int MAX_FILTER_VALUES = Filter.MAX_VALUES;
    private static final String OPS = "subscribe, unsubscribe, ping";

    private RequestParser() {}

    public static ClientRequest parse(String frame) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("frame is not valid JSON (" + e.getOriginalMessage()
                    + "); send an object such as {\"op\":\"ping\"}");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("frame must be a JSON object with an \"op\" field, such as {\"op\":\"ping\"}");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            throw new BadRequestException("missing \"op\": expected one of " + OPS);
        }
        return switch (op.textValue()) {
            case "subscribe" -> subscribe(root);
            case "unsubscribe" -> {
                onlyFields(root, "unsubscribe", List.of("op", "ceremony"));
                yield new Unsubscribe(ceremony(root, "unsubscribe"));
            }
            case "ping" -> {
                onlyFields(root, "ping", List.of("op"));
                yield new Ping();
            }
            default -> throw new BadRequestException("unknown op " + quote(op.textValue()) + ": expected one of " + OPS);
        };
    }

    private static Subscribe subscribe(JsonNode root) {
        onlyFields(root, "subscribe", List.of("op", "ceremony", "epoch", "lastSeq", "filter"));
        String ceremony = ceremony(root, "subscribe");
        JsonNode epoch = root.get("epoch");
        JsonNode lastSeq = root.get("lastSeq");
        ResumePoint resume = null;
        if (epoch != null || lastSeq != null) {
            if (epoch == null || lastSeq == null) {
                throw new BadRequestException("to resume, send both \"epoch\" and \"lastSeq\" from the last update you "
                        + "applied; got only " + (epoch == null ? "\"lastSeq\"" : "\"epoch\"")
                        + ". Leave both out for a fresh snapshot");
            }
            resume = new ResumePoint(wholeNumber(epoch, "epoch"), wholeNumber(lastSeq, "lastSeq"));
        }
        JsonNode filter = root.get("filter");
        return new Subscribe(ceremony, resume, filter == null || filter.isNull() ? Filter.NONE : filter(filter));
    }

    private static Filter filter(JsonNode filter) {
        if (!filter.isObject()) {
            throw new BadRequestException("\"filter\" must be an object such as {\"alertsOnly\":true} or "
                    + "{\"categories\":[\"Best Director\"]}");
        }
        onlyFields(filter, "filter", List.of("alertsOnly", "categories", "works"));
        JsonNode alertsOnly = filter.get("alertsOnly");
        if (alertsOnly != null && !alertsOnly.isBoolean()) {
            throw new BadRequestException("\"filter.alertsOnly\" must be true or false");
        }
        return new Filter(alertsOnly != null && alertsOnly.booleanValue(),
                strings(filter.get("categories"), "categories"), strings(filter.get("works"), "works"));
    }

    private static Set<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray() || node.size() > MAX_FILTER_VALUES) {
            throw new BadRequestException("\"filter." + field + "\" must be an array of up to " + MAX_FILTER_VALUES
                    + " names");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new BadRequestException("\"filter." + field + "\" must contain only strings, found " + quote(value.toString()));
            }
            values.add(value.textValue());
        }
        return values;
    }

    private static String ceremony(JsonNode root, String op) {
        JsonNode ceremony = root.get("ceremony");
        if (ceremony == null || !ceremony.isTextual() || ceremony.textValue().isBlank()) {
            throw new BadRequestException(op + " needs \"ceremony\": the id of a ceremony, such as "
                    + "\"golden-globes-74\" (GET /api/ceremonies lists them)");
        }
        if (!CeremonyDefinition.ID.matcher(ceremony.textValue()).matches()) {
            throw new BadRequestException("\"ceremony\" is not a ceremony id: ids are 1-64 lowercase letters, digits"
                    + " and dashes, such as \"golden-globes-74\" (GET /api/ceremonies lists them)");
        }
        return ceremony.textValue();
    }

    private static long wholeNumber(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new BadRequestException("\"" + field + "\" must be a whole number of 0 or more, was " + quote(node.toString()));
        }
        return node.longValue();
    }

    private static void onlyFields(JsonNode object, String where, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadRequestException("unknown field " + quote(name) + " in " + where + ": expected "
                        + String.join(", ", allowed));
            }
        }
    }

    /** Echoes client text back in messages, cut short so an error frame never carries a huge payload. */
    private static String quote(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
}
