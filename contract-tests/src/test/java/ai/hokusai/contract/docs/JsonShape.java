package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Whether a live response has the shape of the documented example: the same field names, recursively, with
 * the same JSON types. Values may differ (ids, timestamps, scores); names and types may not. A documented
 * {@code null} accepts any type (nullable fields); a field the docs don't show is accepted only when it is null.
 * At the free-form paths the contract declares (objects with no fixed properties, array items written {@code *}),
 * any object is accepted, since the docs may abbreviate them.
 */
public final class JsonShape {

    private JsonShape() {}

    static List<String> mismatches(JsonNode documented, JsonNode actual) {
        return mismatches(documented, actual, Set.of());
    }

    static List<String> mismatches(JsonNode documented, JsonNode actual, Set<String> freeFormPaths) {
        List<String> problems = new ArrayList<>();
        compare("", "", documented, actual, freeFormPaths, problems);
        return problems;
    }

    private static void compare(
            String path, String schemaPath, JsonNode doc, JsonNode act, Set<String> freeForm, List<String> problems) {
        String where = path.isEmpty() ? "/" : path;
        if (doc.isNull()) return;
        if (act == null || act.isMissingNode()) {
            problems.add(where + ": documented but missing from the response");
            return;
        }
        if (!type(doc).equals(type(act))) {
            problems.add(where + ": documented as " + type(doc) + ", the response has " + type(act) + " " + act);
            return;
        }
        if (doc.isObject() && freeForm.contains(schemaPath)) return;
        if (doc.isObject()) {
            Iterator<String> names = doc.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                compare(path + "/" + name, schemaPath + "/" + name, doc.get(name), act.get(name), freeForm, problems);
            }
            Iterator<String> actualNames = act.fieldNames();
            while (actualNames.hasNext()) {
                String name = actualNames.next();
                if (!doc.has(name) && !act.get(name).isNull())
                    problems.add(path + "/" + name + ": in the response but not in the docs");
            }
        } else if (doc.isArray() && !doc.isEmpty()) {
            for (int i = 0; i < act.size(); i++)
                compare(path + "/" + i, schemaPath + "/*", doc.get(0), act.get(i), freeForm, problems);
        }
    }

    /** The JSON type of a node, as a schema names it. */
    public static String type(JsonNode node) {
        if (node.isNumber()) return "number";
        if (node.isTextual()) return "string";
        if (node.isBoolean()) return "boolean";
        if (node.isArray()) return "array";
        if (node.isObject()) return "object";
        return "null";
    }
}
