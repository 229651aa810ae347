package ai.hokusai.runtime.lscor;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Strict reads from artifact JSON: a missing or mistyped field names itself instead of becoming a default. */
final class JsonFields {

    private JsonFields() {}

    static JsonNode node(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    static String text(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isString()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.asString();
    }

    static double number(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number");
        }
        return value.asDouble();
    }

    static int integer(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer");
        }
        return value.asInt();
    }

    static Map<String, String> textMap(JsonNode parent, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        node(parent, field).properties().forEach(e -> map.put(e.getKey(), text(parent.get(field), e.getKey())));
        return map;
    }

    static Map<String, Double> numberMap(JsonNode parent, String field) {
        Map<String, Double> map = new LinkedHashMap<>();
        node(parent, field).properties().forEach(e -> map.put(e.getKey(), number(parent.get(field), e.getKey())));
        return map;
    }
}
