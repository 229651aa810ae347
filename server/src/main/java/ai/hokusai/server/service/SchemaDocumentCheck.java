package ai.hokusai.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.hokusai.server.error.FieldViolation;
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
        for (Map.Entry<String, String> problem : JsonSchemaJackson2Adapter.schemaProblems(schema)) {
            violations.add(new FieldViolation(pointer + problem.getKey(), "is not a valid JSON Schema: "
                    + problem.getValue()));
        }
        if (violations.isEmpty() && mustDescribeObjects && !"object".equals(map.get("type"))) {
            violations.add(new FieldViolation(pointer + "/type", "must be \"object\": every input is a JSON object"));
        }
        return violations;
    }
}
