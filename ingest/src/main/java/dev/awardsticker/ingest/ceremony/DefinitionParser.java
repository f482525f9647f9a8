package dev.awardsticker.ingest.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.ceremony.Category;
import dev.awardsticker.contract.ceremony.CeremonyDefinition;
import dev.awardsticker.contract.ceremony.Nominee;
import dev.awardsticker.contract.ceremony.Person;
import dev.awardsticker.ingest.web.JsonField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks a {@link CeremonyDefinition} from a request body; every error names its field. */
public final class DefinitionParser {
    private DefinitionParser() {}

    public static CeremonyDefinition parse(JsonNode body) {
        JsonField root = JsonField.root(body).object("a ceremony definition: id, award, title, edition, date,"
                + " broadcaster and categories")
                .only("id", "award", "title", "edition", "date", "broadcaster", "categories");
        String id = root.field("id").slug("the ceremony's id", "golden-globes-74");
        String award = root.field("award").slug("the award family", "golden-globes");
        String title = root.field("title").text("the ceremony's display title, e.g. \"74th Golden Globe Awards\"");
        JsonField editionField = root.field("edition");
        int edition = editionField.integer("the ceremony's edition number, e.g. 74");
        if (edition <= 0) {
            throw editionField.invalid("must be greater than 0: give the ceremony's edition number, e.g. 74.");
        }
        var date = root.field("date").date("the day of the ceremony, e.g. \"2017-01-08\"");
        String broadcaster = root.field("broadcaster").optionalText("the broadcaster, e.g. \"NBC\"");
        List<Category> categories = new ArrayList<>();
        Unique categoryNames = new Unique("category names must be unique within a ceremony");
        for (JsonField item : root.field("categories").nonEmptyArray("the ceremony's categories, each with its"
                + " nominees")) {
            categories.add(category(item.object("a category with a name and its nominees")
                    .only("name", "nominees", "awardClass"), categoryNames));
        }
        return new CeremonyDefinition(id, award, title, edition, date, broadcaster, categories);
    }

    private static Category category(JsonField category, Unique categoryNames) {
        String name = categoryNames.check(category.field("name"), "the category's name, e.g. \"Best Director\"");
        List<Nominee> nominees = new ArrayList<>();
        Unique nomineeNames = new Unique("nominee names must be unique within their category");
        for (JsonField item : category.field("nominees").nonEmptyArray("at least one nominee of " + name)) {
            nominees.add(nominee(item.object("a nominee with a name")
                    .only("name", "work", "people", "studio", "workIds", "studioId"), nomineeNames));
        }
        return new Category(name, nominees, category.field("awardClass").optionalText("the award's class where"
                + " records count it apart: \"Acting\", or \"SciTech\"/\"Special\" for non-competitive awards"));
    }

    private static Nominee nominee(JsonField nominee, Unique nomineeNames) {
        String name = nomineeNames.check(nominee.field("name"), "the nominee's name as the envelope says it,"
                + " e.g. \"La La Land\"");
        List<Person> people = new ArrayList<>();
        for (JsonField person : nominee.field("people").optionalArray("the people credited, each with a name")) {
            JsonField fields = person.object("a person with a name, an optional birthDate and an optional id")
                    .only("name", "birthDate", "id");
            people.add(new Person(fields.field("name").text("the person's name"),
                    fields.field("birthDate").optionalDate("the person's birth date"),
                    fields.field("id").optionalText("the person's stable id, e.g. an IMDb id \"nm0640114\"")));
        }
        List<String> workIds = new ArrayList<>();
        for (JsonField id : nominee.field("workIds").optionalArray("the stable ids of the films it counts for")) {
            workIds.add(id.text("a film's stable id, e.g. an IMDb id \"tt3783958\""));
        }
        return new Nominee(name,
                nominee.field("work").optionalText("the film or series it counts for"),
                people,
                nominee.field("studio").optionalText("the studio or network"),
                workIds,
                nominee.field("studioId").optionalText("the studio's stable id, e.g. an IMDb id \"co0000001\""));
    }

    /** Names seen so far in one list, to point at both places of a duplicate. */
    private static final class Unique {
        private final Map<String, String> pathByName = new HashMap<>();
        private final String rule;

        Unique(String rule) {
            this.rule = rule;
        }

        String check(JsonField field, String hint) {
            String name = field.text(hint);
            String first = pathByName.putIfAbsent(name, field.path());
            if (first != null) {
                throw field.invalid("'" + name + "' repeats " + first + ": " + rule + ".");
            }
            return name;
        }
    }
}
