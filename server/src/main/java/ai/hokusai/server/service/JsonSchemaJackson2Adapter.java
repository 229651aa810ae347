package ai.hokusai.server.service;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The one place that speaks Jackson 2, because the JSON Schema validator ({@code com.networknt}) is built on it. The
 * rest of the server uses the application's Jackson 3 mapper; values cross this boundary as plain Java maps, lists
 * and scalars, never as Jackson 2 trees.
 */
final class JsonSchemaJackson2Adapter {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();

    private JsonSchemaJackson2Adapter() {
    }

    /** Compiles a draft 2020-12 schema given as JSON text. */
    static JsonSchema compile(String schemaJson) {
        try {
            return FACTORY.getSchema(JACKSON2.readTree(schemaJson), CONFIG);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A model's input schema in the registry is not JSON", e);
        }
    }

    /** Validates a value parsed from a request body (maps, lists, strings, numbers, booleans, null). */
    static Set<ValidationMessage> validate(JsonSchema schema, Object value) {
        return schema.validate(JACKSON2.valueToTree(value));
    }
}
