package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spec's {@code LeadScore}, closed to undocumented fields, as a JSON Schema to check real predictions with. */
final class LeadScoreSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA;

    static {
        Map<String, Object> schema =
                new LinkedHashMap<>(new ApiSpecDocument().resolve("#/components/schemas/LeadScore"));
        schema.putIfAbsent("additionalProperties", false);
        SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.valueToTree(schema));
    }

    private LeadScoreSchema() {}

    static List<String> violations(String predictionJson) {
        try {
            return SCHEMA.validate(JSON.readTree(predictionJson)).stream()
                    .map(ValidationMessage::getMessage)
                    .toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
