package dev.awardsticker.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A value in a JSON request body together with its path ({@code categories[3].nominees[1].name}), with typed
 * readers that answer 400 naming that path. Every reader takes a hint, a noun phrase saying what belongs
 * there, so that each error also says what to send instead. Strict on types: "74" is not a number.
 */
public record JsonField(JsonNode node, String path) {
    /** Ids on every topic: lowercase, URL- and key-safe. */
    public static final Pattern SLUG = dev.awardsticker.contract.ceremony.CeremonyDefinition.ID;

    public static JsonField root(JsonNode node) {
        return new JsonField(node, "");
    }

    public JsonField field(String name) {
        return new JsonField(node == null ? null : node.get(name), path.isEmpty() ? name : path + "." + name);
    }

    public List<JsonField> items() {
        List<JsonField> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsonField(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    public boolean absent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** A 400 about this field: {@code problem} completes a sentence that starts with the field's name. */
    public ApiError invalid(String problem) {
        return ApiError.badRequest(path.isEmpty() ? null : path, label() + " " + problem);
    }

    public JsonField object(String hint) {
        return require(JsonNode::isObject, "an object", hint);
    }

    /**
     * This object, refusing any field not listed with a 400 naming it: a typo such as {@code "Tie": true} must not
     * be dropped silently and the event accepted as something else.
     */
    public JsonField only(String... known) {
        java.util.Set<String> names = java.util.Set.of(known);
        for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                String close = names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                        .map(n -> " (did you mean \"" + n + "\"?)").orElse("");
                throw field(name).invalid("is not a known field" + close + ": send only "
                        + String.join(", ", names.stream().sorted().toList()) + ".");
            }
        }
        return this;
    }

    public List<JsonField> array(String hint) {
        return require(JsonNode::isArray, "an array", hint).items();
    }

    public List<JsonField> nonEmptyArray(String hint) {
        List<JsonField> items = array(hint);
        if (items.isEmpty()) {
            throw invalid("is empty: give " + hint + ".");
        }
        return items;
    }

    public List<JsonField> optionalArray(String hint) {
        return absent() ? List.of() : array(hint);
    }

    /** A string that is not blank, without surrounding whitespace (names are matched exactly later). */
    public String text(String hint) {
        String text = require(JsonNode::isTextual, "a string", hint).node.textValue().strip();
        if (text.isEmpty()) {
            throw invalid("is blank: give " + hint + ".");
        }
        return text;
    }

    /** Null when absent or blank. */
    public String optionalText(String hint) {
        if (absent()) {
            return null;
        }
        String text = require(JsonNode::isTextual, "a string", hint).node.textValue().strip();
        return text.isEmpty() ? null : text;
    }

    /** A string matching {@code pattern} exactly, as sent (no trimming: ids are compared byte for byte). */
    public String matching(Pattern pattern, String hint) {
        String text = require(JsonNode::isTextual, "a string", hint).node.textValue();
        if (text.isBlank()) {
            throw invalid("is blank: give " + hint + ".");
        }
        if (!pattern.matcher(text).matches()) {
            throw invalid("'" + abbreviate(text) + "' is not valid: give " + hint + ".");
        }
        return text;
    }

    /** A slug; {@code what} names it, e.g. "the ceremony's id". */
    public String slug(String what, String example) {
        return matching(SLUG, what + ": 1-64 lowercase letters, digits and dashes, starting with a letter or"
                + " digit, e.g. " + example);
    }

    public int integer(String hint) {
        require(JsonNode::isNumber, "a whole number", hint);
        if (!node.isIntegralNumber()) {
            throw invalid("must be a whole number (" + hint + "), not " + node.asText() + ".");
        }
        if (!node.canConvertToInt()) {
            throw invalid("is out of range: give " + hint + ".");
        }
        return node.intValue();
    }

    public Integer optionalInteger(String hint) {
        return absent() ? null : integer(hint);
    }

    public boolean bool(boolean whenAbsent, String hint) {
        return absent() ? whenAbsent : require(JsonNode::isBoolean, "true or false", hint).node.booleanValue();
    }

    public LocalDate date(String hint) {
        String text = require(JsonNode::isTextual, "a date string", hint).node.textValue();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("'" + abbreviate(text) + "' is not a date: give " + hint + " as YYYY-MM-DD.");
        }
    }

    public LocalDate optionalDate(String hint) {
        return absent() ? null : date(hint);
    }

    private JsonField require(Predicate<JsonNode> type, String typeName, String hint) {
        if (absent()) {
            throw invalid((node == null || node.isMissingNode() ? "is missing" : "is null") + ": give " + hint + ".");
        }
        if (!type.test(node)) {
            throw invalid("must be " + typeName + " (" + hint + "), not " + describe(node) + ".");
        }
        return this;
    }

    private String label() {
        return path.isEmpty() ? "The body" : path;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
