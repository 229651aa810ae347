package ai.hokusai.server.service;

import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.registry.RegisteredModel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks model inputs against the model's input JSON Schema from the registry, before any runtime sees them.
 * Compiled schemas are cached per schema text, so a warm predict compiles nothing.
 */
@Component
public class InputValidator {

    private final Cache<String, JsonSchema> schemas =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /**
     * @param pointerPrefix where the input sits in the request body, e.g. {@code /inputs} or {@code /inputs/3}
     * @return one violation per bad field, ordered by pointer; empty when the input is valid
     */
    public List<FieldViolation> validate(RegisteredModel model, Object input, String pointerPrefix) {
        JsonSchema schema = schemas.get(model.inputSchemaJson(), JsonSchemaJackson2Adapter::compile);
        Set<ValidationMessage> messages = JsonSchemaJackson2Adapter.validate(schema, input);
        List<FieldViolation> violations = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            violations.add(toViolation(message, pointerPrefix, "is not a field of this model's input"));
        }
        beyondADouble(input, pointerPrefix, violations);
        violations.sort(Comparator.comparing(FieldViolation::pointer).thenComparing(FieldViolation::message));
        return violations;
    }

    /**
     * JSON allows numbers no double can hold ({@code 1e400}): a schema's bounds do not catch them once they are read as
     * infinity, and a model would score them. Each is a field error, like any other out-of-range number.
     */
    private static void beyondADouble(Object value, String pointer, List<FieldViolation> violations) {
        if (value instanceof Map<?, ?> object) {
            object.forEach(
                    (name, field) -> beyondADouble(field, pointer + "/" + escape(String.valueOf(name)), violations));
        } else if (value instanceof List<?> array) {
            for (int i = 0; i < array.size(); i++) {
                beyondADouble(array.get(i), pointer + "/" + i, violations);
            }
        } else if (value instanceof Number number && !Double.isFinite(number.doubleValue())) {
            violations.add(new FieldViolation(pointer, "must be a number within the range of a double"));
        }
    }

    /** RFC 6901: {@code ~} and {@code /} in a member name. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Points at the field itself: for a missing or unknown property that is the property, not its parent. */
    static FieldViolation toViolation(ValidationMessage message, String pointerPrefix, String unknownField) {
        String location = message.getInstanceLocation().toString();
        String pointer = pointerPrefix + (location.isEmpty() || "/".equals(location) ? "" : location);
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
            return new FieldViolation(pointer, "required".equals(type) ? "is required" : unknownField);
        }
        return new FieldViolation(pointer, message.getError());
    }
}
