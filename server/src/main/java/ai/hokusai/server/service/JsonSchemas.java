package ai.hokusai.server.service;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.JsonNodeException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that speaks the JSON Schema validator's API ({@code com.networknt}). It reads JSON with Jackson 3, the
 * library Spring binds request bodies with, so one JSON parser serves the whole request path. A request body's bytes
 * are read into a tree here, strictly, and checked against the spec; Spring's converter binds the same bytes, and a
 * model's input schema checks what it bound.
 */
final class JsonSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Strict as the spec is: a key given twice, or anything after the document, is not JSON this API reads. */
    private static final ObjectReader STRICT_READER = JSON.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A model's schema, as draft 2020-12 reads it: a keyword it does not define is an annotation, not a warning. */
    private static final SchemaRegistry DRAFT_2020_12 = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012())
                    .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                    .build(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .build()));
    /** The spec's schemas as written: no coercion between types, {@code nullable} and {@code format} honoured. */
    private static final SchemaRegistry OPENAPI_30 = SchemaRegistry.withDefaultDialect(
            // `example` annotates a schema in OpenAPI 3.0; `components` holds the schemas a reference reaches.
            Dialect.builder(Dialects.getOpenApi30())
                    .keyword(new NonValidationKeyword("example"))
                    .keyword(new NonValidationKeyword("components"))
                    .build(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .typeLoose(false)
                    .formatAssertionsEnabled(true)
                    .build()));

    private JsonSchemas() {}

    /** The body is not JSON as this API reads it; the message says where. */
    static final class NotJsonException extends Exception {
        NotJsonException(String message) {
            super(message);
        }
    }

    /** Compiles a draft 2020-12 schema given as JSON text. */
    static Schema compile(String schemaJson) {
        try {
            return DRAFT_2020_12.getSchema(JSON.readTree(schemaJson));
        } catch (JacksonException e) {
            throw new IllegalStateException("A model's input schema in the registry is not JSON", e);
        }
    }

    /**
     * Compiles the schema an OpenAPI 3.0 document names by a local reference, e.g.
     * {@code #/components/schemas/PredictRequest}, with the document's other schemas reachable by their references.
     */
    static Schema compileOpenApi(Map<String, Object> document, String ref) {
        // Only what a reference can reach: the document's other keys are not schema keywords.
        ObjectNode root = JSON.createObjectNode();
        root.set("components", JSON.valueToTree(document.get("components")));
        root.put("$ref", ref);
        return OPENAPI_30.getSchema(root);
    }

    /** The JSON Schema 2020-12 meta-schema, which every model's input and output schema must satisfy. */
    private static final Schema META_SCHEMA_2020_12 =
            DRAFT_2020_12.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /**
     * Checks that a value parsed from a request body is a usable JSON Schema (draft 2020-12): valid against the
     * meta-schema, and compilable.
     *
     * @return what is wrong, as (pointer inside the schema, message); empty when it is a usable schema
     */
    static List<Map.Entry<String, String>> schemaProblems(Object schema) {
        JsonNode node = JSON.valueToTree(schema);
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        for (Error error : META_SCHEMA_2020_12.validate(node)) {
            String location = error.getInstanceLocation().toString();
            problems.add(Map.entry("/".equals(location) ? "" : location, error.getMessage()));
        }
        if (problems.isEmpty()) {
            try {
                DRAFT_2020_12.getSchema(node).validate(JSON.nullNode());
            } catch (RuntimeException e) {
                problems.add(Map.entry("", "cannot be used as a JSON Schema: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** Validates a value bound from a request body (maps, lists, strings, numbers, booleans, null). */
    static List<Error> validate(Schema schema, Object value) {
        return validateTree(schema, JSON.valueToTree(value));
    }

    /**
     * The validator compares a number with an integer bound through {@code asLong()}, which Jackson 3 refuses for a
     * number beyond a long's range ({@code 1e300}). Such a number is then held as an integer of the same sign and
     * magnitude (capped at 10^400, beyond every bound a schema can state) and the tree is validated again, so it
     * breaks the bound instead of the server. A number of that size with a fractional part is not an integer: its
     * type is checked once more with a small number of the same sign that has one.
     */
    private static List<Error> validateTree(Schema schema, JsonNode tree) {
        try {
            return schema.validate(tree);
        } catch (JsonNodeException e) {
            JsonNode fractionsKept = tree.deepCopy();
            List<String> fractional = new ArrayList<>();
            List<Error> errors = new ArrayList<>(schema.validate(widenBeyondLong(tree, "", fractional, false)));
            if (!fractional.isEmpty()) {
                for (Error error : schema.validate(widenBeyondLong(fractionsKept, "", new ArrayList<>(), true))) {
                    if ("type".equals(error.getKeyword())
                            && fractional.contains(
                                    pointer(error.getInstanceLocation().toString()))) {
                        errors.add(error);
                    }
                }
            }
            return errors;
        }
    }

    private static String pointer(String location) {
        return "/".equals(location) ? "" : location;
    }

    private static final BigInteger CAP = BigInteger.TEN.pow(400);
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /**
     * Replaces each number beyond a long's range by an integer of its sign and magnitude; one with a fractional part
     * is reported to {@code fractional} by its pointer and, when {@code halves}, replaced by ±0.5 instead.
     */
    private static JsonNode widenBeyondLong(JsonNode node, String pointer, List<String> fractional, boolean halves) {
        if (node.isFloatingPointNumber() && !node.canConvertToLong()) {
            BigInteger whole;
            if (node.isBigDecimal()) {
                BigDecimal value = node.decimalValue();
                // Jackson reads at most 1,000 digits of a number, so stripping trailing zeros is cheap.
                if (value.stripTrailingZeros().scale() > 0) {
                    fractional.add(pointer);
                    if (halves) {
                        return JSON.getNodeFactory().numberNode(value.signum() < 0 ? HALF.negate() : HALF);
                    }
                }
                // Digits before the point, counted without expanding 1e1000000000.
                whole = value.precision() - value.scale() > 401
                        ? CAP
                        : value.toBigInteger().abs().min(CAP);
                whole = value.signum() < 0 ? whole.negate() : whole;
            } else {
                double value = node.doubleValue();
                whole = Double.isFinite(value) ? new BigDecimal(value).toBigInteger() : CAP;
                whole = value < 0 && whole.signum() > 0 ? whole.negate() : whole;
            }
            return JSON.getNodeFactory().numberNode(whole);
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String child = child(pointer, field.getKey());
                field.setValue(widenBeyondLong(field.getValue(), child, fractional, halves));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, widenBeyondLong(array.get(i), pointer + "/" + i, fractional, halves));
            }
        }
        return node;
    }

    /** The JSON pointer (RFC 6901) of a member of the value at {@code pointer}: {@code ~} and {@code /} escaped. */
    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Reads a request body strictly and validates it; reports each string (value or key) holding a NUL character
     * to {@code nul} by its JSON pointer, since no such string can be stored.
     */
    static List<Error> validateJson(Schema schema, byte[] json, BiConsumer<String, String> nul)
            throws NotJsonException {
        JsonNode body;
        try {
            body = STRICT_READER.readTree(json);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw new NotJsonException(
                    message == null ? "not JSON" : message.lines().findFirst().orElse(message));
        }
        if (body == null || body.isMissingNode()) {
            throw new NotJsonException("the body is empty");
        }
        findNul(body, "", nul);
        return validateTree(schema, body);
    }

    private static void findNul(JsonNode node, String pointer, BiConsumer<String, String> nul) {
        // Pointers are built only on the way to a NUL: a body without one (nearly every body) builds none.
        if (!hasNul(node)) {
            return;
        }
        if (node.isString()) {
            nul.accept(pointer, "must not contain the NUL character (\\u0000)");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = child(pointer, field.getKey());
                if (field.getKey().indexOf('\0') >= 0) {
                    nul.accept(child, "a field name must not contain the NUL character (\\u0000)");
                }
                findNul(field.getValue(), child, nul);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), pointer + "/" + i, nul);
            }
        }
    }

    /** Whether a string anywhere in the tree, value or field name, holds a NUL character. */
    private static boolean hasNul(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0 || hasNul(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
