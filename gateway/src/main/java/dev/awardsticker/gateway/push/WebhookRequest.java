package dev.awardsticker.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Base64;
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
    static final int MIN_SECRET_LENGTH = 24;
    static final int MAX_SECRET_LENGTH = 512;
    static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> FIELDS = Set.of("url", "secret", "filter");
    private static final Set<String> FILTER_FIELDS = Set.of("ceremony", "alertsOnly");
    private static final SecureRandom RANDOM = new SecureRandom();

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
        String secret;
        boolean generated = secretNode == null || secretNode.isNull();
        if (generated) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (!secretNode.isTextual() || secretNode.asText().length() < MIN_SECRET_LENGTH
                || secretNode.asText().length() > MAX_SECRET_LENGTH) {
            throw new Invalid("secret: must be a string of " + MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH
                    + " characters (e.g. openssl rand -hex 32), or left out to have one generated");
        } else {
            secret = secretNode.asText();
        }
        return new WebhookRequest(url, secret, generated, filter(json.get("filter")));
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
