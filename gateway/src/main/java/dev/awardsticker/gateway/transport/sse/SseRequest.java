package dev.awardsticker.gateway.transport.sse;

import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.gateway.view.Filter;
import io.vertx.core.MultiMap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code GET /sse?ceremony=..} asks for. The filter means exactly what the WebSocket subscribe filter means,
 * with the same limits. Strict like the WebSocket protocol: an unknown parameter is an error, so a typo such as
 * {@code alertsonly} is reported instead of silently streaming everything.
 *
 * @param lastEventId the position to resume after: the {@code Last-Event-ID} header (sent by a browser's
 *                    EventSource when it reconnects), else the {@code lastEventId} parameter; null for a fresh start
 */
record SseRequest(String ceremony, Filter filter, String lastEventId) {
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    private static final List<String> PARAMS = List.of("ceremony", "alertsOnly", "categories", "works", "lastEventId",
            "token");

    /**
     * The header wins over the parameter: an EventSource opened with {@code ?lastEventId=} keeps that URL when it
     * reconnects, and then the header carries the newer position.
     */
    static SseRequest parse(MultiMap params, String lastEventIdHeader) {
        for (String name : params.names()) {
            if (!PARAMS.contains(name)) {
                throw new BadParamException(name, "unknown parameter \"" + shorten(name) + "\": expected "
                        + String.join(", ", PARAMS));
            }
        }
        String ceremony = single(params, "ceremony");
        if (ceremony == null || ceremony.isBlank()) {
            throw new BadParamException("ceremony", "ceremony is required: the id of a ceremony, such as "
                    + "?ceremony=golden-globes-74 (GET /api/ceremonies lists them)");
        }
        if (!CeremonyDefinition.ID.matcher(ceremony).matches()) {
            throw new BadParamException("ceremony", "ceremony is not a ceremony id: ids are 1-64 lowercase letters,"
                    + " digits and dashes, such as golden-globes-74 (GET /api/ceremonies lists them)");
        }
        String alertsOnly = single(params, "alertsOnly");
        if (alertsOnly != null && !alertsOnly.equals("true") && !alertsOnly.equals("false")) {
            throw new BadParamException("alertsOnly", "alertsOnly must be true or false, was \"" + shorten(alertsOnly)
                    + "\"");
        }
        Filter filter = new Filter("true".equals(alertsOnly), values(params, "categories"), values(params, "works"));
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : single(params, "lastEventId");
        return new SseRequest(ceremony, filter, lastEventId);
    }

    private static String single(MultiMap params, String name) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
            throw new BadParamException(name, name + " may be given once, was given " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** A list is the parameter repeated ({@code categories=A&categories=B}): names may contain commas. */
    private static Set<String> values(MultiMap params, String name) {
        List<String> values = params.getAll(name);
        if (values.size() > Filter.MAX_VALUES) {
            throw new BadParamException(name, name + " may be repeated up to " + Filter.MAX_VALUES
                    + " times");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String value : values) {
            if (value.isBlank()) {
                throw new BadParamException(name, name + " must not be empty: leave it out to accept any");
            }
            set.add(value);
        }
        return set;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
