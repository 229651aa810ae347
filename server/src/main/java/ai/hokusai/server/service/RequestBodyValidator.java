package ai.hokusai.server.service;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.FieldViolation;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Holds every request body to its operation's schema in the spec, exactly as written, before anything binds it: no
 * coercion between types ({@code "5"} is not an integer, {@code 1.5} not an int32), {@code uniqueItems},
 * {@code maxItems}, {@code nullable}, {@code format}, ranges; a key given twice is malformed JSON; a string with a
 * NUL character is refused, since the database cannot store one. One mechanism for every operation: the schemas are
 * found by {@code operationId} in the spec and compiled once, at start-up.
 */
@Component
public class RequestBodyValidator {

    private static final String JSON = "application/json";

    private final Map<String, Schema> schemas = new HashMap<>();

    public RequestBodyValidator(ApiSpecDocument spec) {
        Map<String, Object> document = spec.root();
        for (ApiSpecDocument.Operation operation : spec.operations()) {
            Map<String, Object> op = operation.fields();
            if (op.get("operationId") instanceof String id
                    && op.get("requestBody") instanceof Map<?, ?> body
                    && body.get("content") instanceof Map<?, ?> content
                    && content.get(JSON) instanceof Map<?, ?> media
                    && media.get("schema") instanceof Map<?, ?> schema
                    && schema.get("$ref") instanceof String ref) {
                schemas.put(id, JsonSchemas.compileOpenApi(document, ref));
            }
        }
    }

    /** Whether the spec gives this operation a JSON request body. */
    public boolean hasBody(String operationId) {
        return schemas.containsKey(operationId);
    }

    /**
     * Holds the body to the operation's schema; nothing when the operation has no JSON body in the spec. Spring's
     * converter then binds the same bytes: one re-parse, accepted for binding through the framework.
     *
     * @throws MalformedBodyException  when the body is not JSON (or repeats a key)
     * @throws InvalidRequestException with one violation per field, when it breaks the operation's schema
     */
    public void check(String operationId, byte[] body) {
        Schema schema = schemas.get(operationId);
        if (schema == null) {
            return;
        }
        List<FieldViolation> violations = new ArrayList<>();
        List<Error> errors;
        try {
            errors = JsonSchemas.validateJson(
                    schema, body, (pointer, message) -> violations.add(new FieldViolation(pointer, message)));
        } catch (JsonSchemas.NotJsonException e) {
            throw new MalformedBodyException(e.getMessage());
        }
        // A string holding NUL is named once, by the NUL message, not again by the schema's NUL-free pattern.
        // Nearly every body has no NUL: then there is nothing to compare against and no set is built.
        Set<String> withNul = violations.isEmpty()
                ? Set.of()
                : violations.stream().map(FieldViolation::pointer).collect(Collectors.toSet());
        for (Error error : errors) {
            FieldViolation violation = InputValidator.toViolation(error, "", "is not a field of this request");
            if (!("pattern".equals(error.getKeyword()) && withNul.contains(violation.pointer()))) {
                violations.add(violation);
            }
        }
        if (!violations.isEmpty()) {
            List<FieldViolation> sorted = violations.stream()
                    .distinct()
                    .sorted(Comparator.comparing(FieldViolation::pointer).thenComparing(FieldViolation::message))
                    .toList();
            throw new InvalidRequestException(false, "The request body breaks the request schema.", sorted);
        }
    }
}
