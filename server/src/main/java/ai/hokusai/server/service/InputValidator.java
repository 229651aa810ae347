package ai.hokusai.server.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import ai.hokusai.server.persistence.ModelRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.springframework.stereotype.Component;

/**
 * Checks model inputs against the model's input JSON Schema from the registry, before any runtime sees them.
 * Compiled schemas are cached per schema text, so a warm predict compiles nothing.
 */
@Component
public class InputValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();

    private final Cache<String, JsonSchema> schemas = Caffeine.newBuilder().maximumSize(1_000).build();

    /**
     * @param pointerPrefix where the input sits in the request body, e.g. {@code /inputs} or {@code /inputs/3}
     * @return one violation per bad field, ordered by pointer; empty when the input is valid
     */
    public List<FieldViolation> validate(ModelRecord model, Object input, String pointerPrefix) {
        JsonSchema schema = schemas.get(model.inputSchemaJson(), InputValidator::compile);
        JsonNode node = JSON.valueToTree(input);
        Set<ValidationMessage> messages = schema.validate(node);
        List<FieldViolation> violations = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            violations.add(toViolation(message, pointerPrefix));
        }
        violations.sort(Comparator.comparing(FieldViolation::pointer).thenComparing(FieldViolation::message));
        return violations;
    }

    private static JsonSchema compile(String schemaJson) {
        try {
            return FACTORY.getSchema(JSON.readTree(schemaJson), CONFIG);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A model's input schema in the registry is not JSON", e);
        }
    }

    /** Points at the field itself: for a missing or unknown property that is the property, not its parent. */
    private static FieldViolation toViolation(ValidationMessage message, String pointerPrefix) {
        String location = message.getInstanceLocation().toString();
        String pointer = pointerPrefix + (location.isEmpty() || "/".equals(location) ? "" : location);
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
            return new FieldViolation(pointer,
                    "required".equals(type) ? "is required" : "is not a field of this model's input");
        }
        return new FieldViolation(pointer, message.getError());
    }
}
