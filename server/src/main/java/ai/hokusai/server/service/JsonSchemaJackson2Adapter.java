package ai.hokusai.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The one place that speaks Jackson 2, because the JSON Schema validator ({@code com.networknt}) is built on it. The
 * rest of the server uses the application's Jackson 3 mapper; values cross this boundary as plain Java maps, lists
 * and scalars or as raw bytes, never as Jackson 2 trees. A request body's bytes are read into a tree here, strictly,
 * and checked against the spec; Spring's converter binds the same bytes, and a model's input schema checks what it
 * bound.
 */
final class JsonSchemaJackson2Adapter {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    /** Strict as the spec is: a key given twice, or anything after the document, is not JSON this API reads. */
    private static final ObjectReader STRICT_READER = JACKSON2.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private static final JsonMetaSchema OPENAPI_30 = OpenApi30.getInstance();
    private static final JsonSchemaFactory OPENAPI_FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OPENAPI_30).defaultMetaSchemaIri(OPENAPI_30.getIri()));
    /** The spec's schemas as written: no coercion between types, {@code nullable} and {@code format} honoured. */
    private static final SchemaValidatorsConfig OPENAPI_CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .typeLoose(false)
            .nullableKeywordEnabled(true)
            .formatAssertionsEnabled(true)
            .build();

    private JsonSchemaJackson2Adapter() {}

    /** The body is not JSON as this API reads it; the message says where. */
    static final class NotJsonException extends Exception {
        NotJsonException(String message) {
            super(message);
        }
    }

    /** Compiles a draft 2020-12 schema given as JSON text. */
    static JsonSchema compile(String schemaJson) {
        try {
            return FACTORY.getSchema(JACKSON2.readTree(schemaJson), CONFIG);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A model's input schema in the registry is not JSON", e);
        }
    }

    /**
     * Compiles the schema an OpenAPI 3.0 document names by a local reference, e.g.
     * {@code #/components/schemas/PredictRequest}, with the document's other schemas reachable by their references.
     */
    static JsonSchema compileOpenApi(Map<String, Object> document, String ref) {
        // Only what a reference can reach: the document's other keys are not schema keywords.
        ObjectNode root = JACKSON2.createObjectNode();
        root.set("components", JACKSON2.valueToTree(document.get("components")));
        root.put("$ref", ref);
        return OPENAPI_FACTORY.getSchema(root, OPENAPI_CONFIG);
    }

    /** The JSON Schema 2020-12 meta-schema, which every model's input and output schema must satisfy. */
    private static final JsonSchema META_SCHEMA_2020_12 = FACTORY.getSchema(
            com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);

    /**
     * Checks that a value parsed from a request body is a usable JSON Schema (draft 2020-12): valid against the
     * meta-schema, and compilable.
     *
     * @return what is wrong, as (pointer inside the schema, message); empty when it is a usable schema
     */
    static List<Map.Entry<String, String>> schemaProblems(Object schema) {
        JsonNode node = JACKSON2.valueToTree(schema);
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        for (ValidationMessage message : META_SCHEMA_2020_12.validate(node)) {
            String location = message.getInstanceLocation().toString();
            problems.add(Map.entry("/".equals(location) ? "" : location, message.getError()));
        }
        if (problems.isEmpty()) {
            try {
                FACTORY.getSchema(node, CONFIG).validate(JACKSON2.nullNode());
            } catch (RuntimeException e) {
                problems.add(Map.entry("", "cannot be used as a JSON Schema: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** Validates a value bound from a request body (maps, lists, strings, numbers, booleans, null). */
    static Set<ValidationMessage> validate(JsonSchema schema, Object value) {
        return schema.validate(JACKSON2.valueToTree(value));
    }

    /**
     * Reads a request body strictly and validates it; reports each string (value or key) holding a NUL character
     * to {@code nul} by its JSON pointer, since no such string can be stored.
     */
    static Set<ValidationMessage> validateJson(JsonSchema schema, byte[] json, BiConsumer<String, String> nul)
            throws NotJsonException {
        JsonNode body;
        try {
            body = STRICT_READER.readTree(json);
        } catch (IOException e) {
            String message =
                    e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
            throw new NotJsonException(
                    message == null ? "not JSON" : message.lines().findFirst().orElse(message));
        }
        if (body == null || body.isMissingNode()) {
            throw new NotJsonException("the body is empty");
        }
        findNul(body, "", nul);
        return schema.validate(body);
    }

    private static void findNul(JsonNode node, String pointer, BiConsumer<String, String> nul) {
        // Pointers are built only on the way to a NUL: a body without one (nearly every body) builds none.
        if (!hasNul(node)) {
            return;
        }
        if (node.isTextual()) {
            nul.accept(pointer, "must not contain the NUL character (\\u0000)");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
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
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
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
