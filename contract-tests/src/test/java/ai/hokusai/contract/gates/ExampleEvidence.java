package ai.hokusai.contract.gates;

import ai.hokusai.contract.docs.JsonShape;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a documented response example is what the server really answers, field by field and value by value.
 * Only what cannot repeat is compared by its kind instead of its value: a UUID must be answered by a UUID, a
 * timestamp by a timestamp, and the fields in {@link #VOLATILE} (request ids, latencies, secrets) by the same JSON
 * type. A documented {@code null} stands for "absent or null". At {@link #ABBREVIATED} fields, free-form JSON
 * Schemas, the example may show a part of the answer; what it shows must hold.
 */
public final class ExampleEvidence {

    /** Fields whose value differs on every call by design. */
    public static final Set<String> VOLATILE = Set.of("request_id", "latency_ms", "load_time_ms", "key", "prefix");

    /** Free-form objects (a model's JSON Schema) that an example may abbreviate. */
    public static final Set<String> ABBREVIATED = Set.of("input_schema", "output_schema");

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

    private ExampleEvidence() {}

    /** Every way the answer contradicts the example, as "pointer: what"; empty when the example is true. */
    public static List<String> differences(JsonNode documented, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare("", "", documented, actual, false, problems);
        return problems;
    }

    private static void compare(
            String path, String name, JsonNode doc, JsonNode act, boolean abbreviated, List<String> problems) {
        String where = path.isEmpty() ? "/" : path;
        if (doc.isNull()) {
            if (act != null && !act.isMissingNode() && !act.isNull())
                problems.add(where + ": documented null, the server answers " + act);
            return;
        }
        if (act == null || act.isMissingNode()) {
            problems.add(where + ": documented " + doc + ", missing from the answer");
            return;
        }
        if (!JsonShape.type(doc).equals(JsonShape.type(act))) {
            problems.add(where + ": documented " + doc + ", the server answers " + act);
            return;
        }
        if (VOLATILE.contains(name)) return;
        if (doc.isTextual() && UUID.matcher(doc.asText()).matches()) {
            if (!UUID.matcher(act.asText()).matches())
                problems.add(where + ": documented a UUID, the server answers " + act);
            return;
        }
        if (doc.isTextual() && DATE_TIME.matcher(doc.asText()).matches()) {
            if (!isDateTime(act.asText())) problems.add(where + ": documented a timestamp, the server answers " + act);
            return;
        }
        if (doc.isObject()) {
            boolean abbreviates = abbreviated || ABBREVIATED.contains(name);
            for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                compare(path + "/" + field, field, doc.get(field), act.get(field), abbreviates, problems);
            }
            if (abbreviates) return;
            for (Iterator<String> names = act.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!doc.has(field) && !act.get(field).isNull()) {
                    problems.add(path + "/" + field + ": the server answers " + act.get(field)
                            + ", the example does not show it");
                }
            }
        } else if (doc.isArray()) {
            if (doc.size() != act.size() && !abbreviated) {
                problems.add(where + ": documented " + doc.size() + " items " + doc + ", the server answers "
                        + act.size() + " " + act);
                return;
            }
            for (int i = 0; i < Math.min(doc.size(), act.size()); i++) {
                compare(path + "/" + i, name, doc.get(i), act.get(i), abbreviated, problems);
            }
        } else if (doc.isNumber()) {
            if (new BigDecimal(doc.asText()).compareTo(new BigDecimal(act.asText())) != 0) {
                problems.add(where + ": documented " + doc + ", the server answers " + act);
            }
        } else if (!doc.equals(act)) {
            problems.add(where + ": documented " + doc + ", the server answers " + act);
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
