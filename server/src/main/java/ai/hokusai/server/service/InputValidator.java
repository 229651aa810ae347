package ai.hokusai.server.service;

import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.registry.RegisteredModel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks model inputs against the model's input JSON Schema from the registry, before any runtime sees them.
 * Compiled schemas are cached per schema text, so a warm predict compiles nothing.
 */
@Component
public class InputValidator {

    private final Cache<String, Schema> schemas =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /**
     * @param pointerPrefix where the input sits in the request body, e.g. {@code /inputs} or {@code /inputs/3}
     * @return one violation per bad field, ordered by pointer; empty when the input is valid
     */
    public List<FieldViolation> validate(RegisteredModel model, Object input, String pointerPrefix) {
        Schema schema = schemas.get(model.inputSchemaJson(), JsonSchemas::compile);
        List<Error> errors = JsonSchemas.validate(schema, input);
        List<FieldViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(toViolation(error, pointerPrefix, "is not a field of this model's input"));
        }
        beyondADouble(input, pointerPrefix, violations);
        if (violations.isEmpty()) {
            return List.of();
        }
        return violations.stream()
                .distinct()
                .sorted(Comparator.comparing(FieldViolation::pointer).thenComparing(FieldViolation::message))
                .toList();
    }

    /**
     * JSON allows numbers no double can hold ({@code 1e400}): a schema's bounds do not catch them once they are read as
     * infinity, and a model would score them. Each is a field error, like any other out-of-range number. Pointers are
     * built only on the way to such a number: an input without one (nearly every input) builds none.
     */
    private static void beyondADouble(Object value, String pointer, List<FieldViolation> violations) {
        if (!hasNonFinite(value)) {
            return;
        }
        if (value instanceof Map<?, ?> object) {
            object.forEach((name, field) ->
                    beyondADouble(field, JsonSchemas.child(pointer, String.valueOf(name)), violations));
        } else if (value instanceof List<?> array) {
            for (int i = 0; i < array.size(); i++) {
                beyondADouble(array.get(i), pointer + "/" + i, violations);
            }
        } else {
            violations.add(new FieldViolation(pointer, "must be a number within the range of a double"));
        }
    }

    private static boolean hasNonFinite(Object value) {
        if (value instanceof Map<?, ?> object) {
            for (Object field : object.values()) {
                if (hasNonFinite(field)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> array) {
            for (Object item : array) {
                if (hasNonFinite(item)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof Number number && !Double.isFinite(number.doubleValue());
    }

    /** Points at the field itself: for a missing or unknown property that is the property, not its parent. */
    static FieldViolation toViolation(Error error, String pointerPrefix, String unknownField) {
        String location = error.getInstanceLocation().toString();
        String pointer = pointerPrefix + (location.isEmpty() || "/".equals(location) ? "" : location);
        String keyword = error.getKeyword();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            pointer = pointer + "/" + error.getProperty();
            return new FieldViolation(pointer, "required".equals(keyword) ? "is required" : unknownField);
        }
        return new FieldViolation(pointer, error.getMessage());
    }
}
