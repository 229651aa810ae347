package ai.hokusai.sdk;

import ai.hokusai.sdk.exception.FieldError;
import ai.hokusai.sdk.exception.MissingFieldException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the required fields a typed input leaves unset before it is sent. The input types are generated from the
 * spec, which marks each required property {@code @JsonProperty(required = true)}; none of their properties is
 * nullable, so a {@code null} field is an unset one: an optional one is left out of the JSON, a required one is
 * named here instead of reaching the server as {@code null}. Maps and JSON trees are sent as built, explicit
 * {@code null}s included: their keys say what is set.
 */
final class RequiredFields {

    private static final int MAX_DEPTH = 32;

    private final ObjectMapper mapper;

    RequiredFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Throws {@link MissingFieldException} naming, by JSON pointer from {@code pointer}, every unset required field. */
    void check(Object input, String pointer) {
        List<FieldError> missing = new ArrayList<>();
        collect(input, pointer, missing, 0);
        if (!missing.isEmpty()) {
            throw new MissingFieldException(
                    "Not sent: required fields are not set: "
                            + missing.stream().map(FieldError::getPointer).collect(Collectors.joining(", ")),
                    missing);
        }
    }

    private void collect(Object value, String pointer, List<FieldError> missing, int depth) {
        if (value == null
                || depth > MAX_DEPTH
                || value instanceof Map
                || value instanceof JsonNode
                || value.getClass().isArray()
                || value.getClass().isEnum()
                || value.getClass().getName().startsWith("java.") && !(value instanceof Collection)) {
            return;
        }
        if (value instanceof Collection) {
            int index = 0;
            for (Object element : (Collection<?>) value) {
                collect(element, pointer + "/" + index++, missing, depth + 1);
            }
            return;
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            String at = pointer + "/" + property.getName().replace("~", "~0").replace("/", "~1");
            if (mapper.isEnabled(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)) {
                // As Jackson's own serializer does, so a public member of a non-public class is read too.
                accessor.fixAccess(mapper.isEnabled(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS));
            }
            Object field = accessor.getValue(value);
            if (field == null) {
                if (property.isRequired()) {
                    missing.add(new FieldError(at, "is required, but was not set"));
                }
            } else {
                collect(field, at, missing, depth + 1);
            }
        }
    }
}
