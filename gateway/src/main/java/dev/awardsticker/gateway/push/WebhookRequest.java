package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A validated {@code POST /api/webhooks} body. Unknown fields are refused, so a typo such as {@code alertOnly} is
 * reported rather than silently giving the receiver every update.
 *
 * @param secret  as given, or generated (then {@code generated} is true and the answer shows it, once)
 */
record WebhookRequest(String url, String secret, boolean generated, WebhookFilter filter) {
    static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> FIELDS = Set.of("url", "secret", "filter");
    private static final Set<String> FILTER_FIELDS = Set.of("ceremony", "alertsOnly");

    /** Thrown for a bad request; the message names the field and is meant for the caller. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static WebhookRequest parse(String body) throws Invalid {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new Invalid("the body must be a JSON object such as {\"url\":\"https://push.example.com/hook\"}");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("the body must be a JSON object such as {\"url\":\"https://push.example.com/hook\"}");
        }
        unknownFields(json, FIELDS, "");
        String url = url(json.get("url"));
        JsonNode secretNode = json.get("secret");
        boolean generated = secretNode == null || secretNode.isNull();
        return new WebhookRequest(url, generated ? Signature.generateSecret() : secret(secretNode), generated,
                filter(json.get("filter")));
    }

    /**
     * A {@code POST /api/webhooks/:id/rotate-secret} body: empty or {@code {}} to generate a secret, or
     * {@code {"secret":"whsec_...","keepPreviousForSeconds":86400}}; 0 revokes the old secret at once (a leak).
     */
    static Rotation parseRotation(String body) throws Invalid {
        if (body == null || body.isBlank()) {
            return new Rotation(Signature.generateSecret(), true, DEFAULT_KEEP_PREVIOUS);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("the body must be empty, {} or {\"secret\":\"whsec_...\"}");
        }
        unknownFields(json, Set.of("secret", "keepPreviousForSeconds"), "");
        JsonNode secretNode = json.get("secret");
        boolean generated = secretNode == null || secretNode.isNull();
        JsonNode keep = json.get("keepPreviousForSeconds");
        Duration keepPrevious = DEFAULT_KEEP_PREVIOUS;
        if (keep != null && !keep.isNull()) {
            if (!keep.canConvertToLong() || !keep.isIntegralNumber() || keep.asLong() < 0
                    || keep.asLong() > MAX_KEEP_PREVIOUS.toSeconds()) {
                throw new Invalid("keepPreviousForSeconds: must be a whole number from 0 (revoke the old secret now) "
                        + "to " + MAX_KEEP_PREVIOUS.toSeconds() + " (7 days); default " + DEFAULT_KEEP_PREVIOUS.toSeconds());
            }
            keepPrevious = Duration.ofSeconds(keep.asLong());
        }
        return new Rotation(generated ? Signature.generateSecret() : secret(secretNode), generated, keepPrevious);
    }

    /** @param keepPrevious how long deliveries stay signed with the old secret as well */
    record Rotation(String secret, boolean generated, Duration keepPrevious) {}

    static final Duration DEFAULT_KEEP_PREVIOUS = Duration.ofHours(24);
    static final Duration MAX_KEEP_PREVIOUS = Duration.ofDays(7);

    /** Only standard secrets, so the published verifiers accept every delivery. */
    private static String secret(JsonNode node) throws Invalid {
        if (!node.isTextual() || Signature.standardKey(node.asText()).isEmpty()) {
            throw new Invalid("secret: must be whsec_ followed by the standard base64 of " + Signature.MIN_KEY_BYTES
                    + " to " + Signature.MAX_KEY_BYTES + " random bytes (Standard Webhooks), e.g. "
                    + "\"whsec_$(openssl rand -base64 32)\", or left out to have one generated");
        }
        return node.asText();
    }

    private static String url(JsonNode node) throws Invalid {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new Invalid("url: required, the http(s) address to POST updates to");
        }
        String url = node.asText().strip();
        if (url.length() > MAX_URL_LENGTH) {
            throw new Invalid("url: longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Invalid("url: not a valid URL (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Invalid("url: must start with https:// or http://, was '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Invalid("url: has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Invalid("url: must not carry credentials (user:password@); receivers verify the signature");
        }
        if (uri.getRawFragment() != null) {
            throw new Invalid("url: must not have a #fragment");
        }
        return url;
    }

    private static WebhookFilter filter(JsonNode node) throws Invalid {
        if (node == null || node.isNull()) {
            return new WebhookFilter(null, true);
        }
        if (!node.isObject()) {
            throw new Invalid("filter: must be an object such as {\"ceremony\":\"golden-globes-74\",\"alertsOnly\":true}");
        }
        unknownFields(node, FILTER_FIELDS, "filter.");
        JsonNode ceremony = node.get("ceremony");
        if (ceremony != null && !ceremony.isNull() && (!ceremony.isTextual() || ceremony.asText().isBlank()
                || ceremony.asText().length() > 200)) {
            throw new Invalid("filter.ceremony: must be a ceremony id such as golden-globes-74, or left out for all");
        }
        JsonNode alertsOnly = node.get("alertsOnly");
        if (alertsOnly != null && !alertsOnly.isNull() && !alertsOnly.isBoolean()) {
            throw new Invalid("filter.alertsOnly: must be true or false");
        }
        return new WebhookFilter(ceremony == null || ceremony.isNull() ? null : ceremony.asText(),
                alertsOnly == null || alertsOnly.isNull() || alertsOnly.asBoolean());
    }

    private static void unknownFields(JsonNode object, Set<String> known, String prefix) throws Invalid {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Invalid(prefix + name + ": unknown field; expected one of " + known.stream().sorted()
                        .map(f -> prefix + f).toList());
            }
        }
    }
}
