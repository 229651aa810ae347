package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Renders one object schema of the spec as a field table: name, type, required, constraints, meaning, example. */
final class SchemaTable {

    private final Spec spec;

    SchemaTable(Spec spec) {
        this.spec = spec;
    }

    String render(JsonNode schemaNode) {
        JsonNode schema = spec.resolve(schemaNode);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        StringBuilder html = new StringBuilder("<div class=\"table-wrap\"><table class=\"schema\"><thead><tr>")
                .append(
                        "<th>Field</th><th>Type</th><th>Rules</th><th>Description</th><th>Example</th></tr></thead><tbody>");
        schema.path("properties").fields().forEachRemaining(field -> {
            JsonNode property = spec.resolve(field.getValue());
            html.append("<tr><td><code>")
                    .append(Html.escape(field.getKey()))
                    .append("</code>")
                    .append(required.contains(field.getKey()) ? "<span class=\"req\">required</span>" : "")
                    .append("</td><td>")
                    .append(Html.escape(type(field.getValue(), property)))
                    .append("</td><td>")
                    .append(Html.escape(String.join(", ", rules(property))))
                    .append("</td><td>")
                    .append(InlineMarkdown.render(property.path("description").asText("")))
                    .append("</td><td>")
                    .append(
                            property.has("example")
                                    ? "<code>" + Html.escape(Json.compact(property.get("example"))) + "</code>"
                                    : "")
                    .append("</td></tr>");
        });
        if (html.indexOf("<tr><td>") < 0)
            throw new SiteException("schema has no properties to tabulate: " + schemaNode);
        return html.append("</tbody></table></div>").toString();
    }

    private static String type(JsonNode declared, JsonNode property) {
        if (declared.has("$ref")) {
            String ref = declared.get("$ref").asText();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        String type = property.path("type").asText("any");
        if ("array".equals(type)) {
            JsonNode items = property.path("items");
            String item = items.has("$ref")
                    ? items.get("$ref").asText().replaceAll(".*/", "")
                    : items.path("type").asText("any");
            type = "array of " + item;
        }
        if (property.has("format")) type += " (" + property.get("format").asText() + ")";
        if (property.path("nullable").asBoolean(false)) type += ", nullable";
        return type;
    }

    private static List<String> rules(JsonNode p) {
        List<String> rules = new ArrayList<>();
        if (p.has("minimum") && p.has("maximum"))
            rules.add(p.get("minimum").asText() + " to " + p.get("maximum").asText());
        else if (p.has("minimum")) rules.add("≥ " + p.get("minimum").asText());
        else if (p.has("maximum")) rules.add("≤ " + p.get("maximum").asText());
        if (p.has("minLength") || p.has("maxLength")) {
            rules.add(
                    p.path("minLength").asText("0") + "–" + p.path("maxLength").asText("∞") + " chars");
        }
        if (p.has("enum")) {
            List<String> values = new ArrayList<>();
            p.get("enum").forEach(v -> values.add(v.asText()));
            rules.add("one of " + String.join(" · ", values));
        }
        if (p.has("pattern")) rules.add("pattern " + p.get("pattern").asText());
        if (p.has("default")) rules.add("default " + p.get("default").asText());
        return rules;
    }
}
