package dev.awardsticker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awardsticker.contract.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request bodies for tests, and edits of them at a JSON path (for tables of bad inputs). */
public final class TestData {
    private TestData() {}

    public static final String BEST_DIRECTOR = "Best Director";
    public static final String BEST_MUSICAL = "Best Motion Picture – Musical or Comedy";

    /** A small valid ceremony definition with two categories. */
    public static String definitionJson(String id) {
        return """
                {"id":"%s","award":"golden-globes","title":"Test Awards","edition":1,"date":"2017-01-08",
                 "broadcaster":"NBC","categories":[
                  {"name":"Best Director","nominees":[
                    {"name":"Damien Chazelle","work":"La La Land","studio":"Lionsgate",
                     "people":[{"name":"Damien Chazelle","birthDate":"1985-01-19"}]},
                    {"name":"Tom Ford","work":"Nocturnal Animals","people":[{"name":"Tom Ford"}]}]},
                  {"name":"Best Motion Picture – Musical or Comedy","nominees":[
                    {"name":"La La Land","work":"La La Land"},{"name":"Deadpool"}]}]}
                """.formatted(id);
    }

    public static String winJson(String eventId) {
        return """
                {"eventId":"%s","category":"Best Director","nominee":"Damien Chazelle","tie":false}
                """.formatted(eventId);
    }

    public static String recordsJson() {
        return """
                [{"award":"golden-globes","record":"most-wins-single-work","value":6,
                  "holders":[{"name":"Midnight Express","year":1979,"ceremony":"golden-globes-36"}],
                  "source":"test"},
                 {"award":"golden-globes","record":"youngest-winner:Best Director","value":33,
                  "holders":[{"name":"Francis Ford Coppola","year":1973}]}]
                """;
    }

    public static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code json} with the value at {@code path} (like {@code categories[1].nominees[0].name}) replaced by the
     * JSON {@code literal}, or removed when it is null.
     */
    public static JsonNode edit(String json, String path, String literal) {
        JsonNode root = tree(json);
        List<Object> steps = new ArrayList<>();
        Matcher m = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]").matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        JsonNode parent = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = steps.get(steps.size() - 1);
        JsonNode value = literal == null ? null : tree(literal);
        if (last instanceof Integer i) {
            ArrayNode array = (ArrayNode) parent;
            if (value == null) {
                array.remove(i);
            } else {
                array.set(i, value);
            }
        } else {
            ObjectNode object = (ObjectNode) parent;
            if (value == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        }
        return root;
    }
}
