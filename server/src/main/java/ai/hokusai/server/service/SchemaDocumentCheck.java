package ai.hokusai.server.service;

import ai.hokusai.server.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks the JSON Schemas a model is registered with, before any input meets them: each must be a valid draft
 * 2020-12 schema, and an input schema must describe a JSON object (a predict call's inputs are objects).
 */
@Component
public class SchemaDocumentCheck {

    /**
     * @param pointer where the schema sits in the request body, e.g. {@code /input_schema}
     * @return one violation per problem, pointing inside the schema; empty when it is usable
     */
    public List<FieldViolation> check(Object schema, String pointer, boolean mustDescribeObjects) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!(schema instanceof Map<?, ?> map)) {
            violations.add(new FieldViolation(pointer, "must be a JSON Schema object"));
            return violations;
        }
        Object dialect = map.get("$schema");
        if (dialect != null && !DRAFT_2020_12.equals(dialect)) {
            violations.add(new FieldViolation(pointer + "/$schema", "must be " + DRAFT_2020_12 + " when given"));
        }
        remoteReferences(map, pointer, violations);
        if (!violations.isEmpty()) {
            return violations;
        }
        for (Map.Entry<String, String> problem : JsonSchemas.schemaProblems(schema)) {
            violations.add(new FieldViolation(
                    pointer + problem.getKey(), "is not a valid JSON Schema: " + problem.getValue()));
        }
        if (violations.isEmpty() && mustDescribeObjects && !"object".equals(map.get("type"))) {
            violations.add(new FieldViolation(pointer + "/type", "must be \"object\": every input is a JSON object"));
        }
        return violations;
    }

    /**
     * A schema is checked and used on the server, which never fetches anything a schema points at: only references
     * inside the schema itself ({@code #…}) are allowed.
     */
    private static void remoteReferences(Object node, String pointer, List<FieldViolation> violations) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = JsonSchemas.child(pointer, key);
                if (REFERENCES.contains(key) && !(entry.getValue() instanceof String ref && ref.startsWith("#"))) {
                    violations.add(new FieldViolation(
                            child,
                            "must refer inside this schema (start with '#'); "
                                    + "the server fetches no other document"));
                } else {
                    remoteReferences(entry.getValue(), child, violations);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                remoteReferences(list.get(i), pointer + "/" + i, violations);
            }
        }
    }

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final java.util.Set<String> REFERENCES = java.util.Set.of("$ref", "$dynamicRef", "$recursiveRef");
}
