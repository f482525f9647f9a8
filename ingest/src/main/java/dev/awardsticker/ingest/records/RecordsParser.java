package dev.awardsticker.ingest.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.record.RecordHolder;
import dev.awardsticker.contract.record.RecordReference;
import dev.awardsticker.ingest.web.JsonField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks a batch of {@link RecordReference}s from a request body. */
public final class RecordsParser {
    private RecordsParser() {}

    public static List<RecordReference> parse(JsonNode body) {
        List<RecordReference> references = new ArrayList<>();
        Map<String, String> pathByKey = new HashMap<>();
        for (JsonField item : JsonField.root(body).nonEmptyArray("a JSON array of reference records")) {
            RecordReference reference = reference(item.object("a reference record: award, record, value, holders,"
                    + " source").only("award", "record", "value", "holders", "source", "completeThroughEdition"));
            String first = pathByKey.putIfAbsent(reference.key(), item.path());
            if (first != null) {
                // Both would land on one compacted key: which one wins would depend on luck.
                throw item.field("record").invalid("'" + reference.record() + "' of " + reference.award()
                        + " repeats " + first + ": send each record once.");
            }
            references.add(reference);
        }
        return references;
    }

    private static RecordReference reference(JsonField reference) {
        String award = reference.field("award").slug("the award family", "golden-globes");
        String record = reference.field("record").text("what is measured, e.g. \"" + RecordReference.MOST_WINS
                + "\"");
        JsonField valueField = reference.field("value");
        int value = valueField.integer("the record's value (wins, or age in years)");
        if (value < 0) {
            throw valueField.invalid("must be 0 or more: give the record's value (wins, or age in years).");
        }
        List<RecordHolder> holders = new ArrayList<>();
        for (JsonField holder : reference.field("holders").optionalArray("who holds the record")) {
            JsonField fields = holder.object("a holder with a name, and optionally year, ceremony and ageDays")
                    .only("name", "year", "ceremony", "ageDays");
            holders.add(new RecordHolder(fields.field("name").text("the work or person holding the record"),
                    fields.field("year").optionalInteger("the year it was set"),
                    fields.field("ceremony").optionalText("the ceremony id where it was set"),
                    notNegative(fields.field("ageDays"), "for age records, the holder's age at that ceremony in days")));
        }
        return new RecordReference(award, record, value, holders,
                reference.field("source").optionalText("where the fact comes from"),
                notNegative(reference.field("completeThroughEdition"), "for lists of previous winners, the last"
                        + " edition through which the list is complete"));
    }

    private static Integer notNegative(JsonField field, String hint) {
        Integer value = field.optionalInteger(hint);
        if (value != null && value < 0) {
            throw field.invalid("must be 0 or more: " + hint + ".");
        }
        return value;
    }
}
