package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The spec's {@code LeadScore}, closed to undocumented fields, as a JSON Schema to check real predictions with. */
final class LeadScoreSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA;

    static {
        Map<String, Object> schema =
                new LinkedHashMap<>(new ApiSpecDocument().resolve("#/components/schemas/LeadScore"));
        schema.putIfAbsent("additionalProperties", false);
        SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.<JsonNode>valueToTree(schema));
    }

    private LeadScoreSchema() {}

    static List<String> violations(String predictionJson) {
        return SCHEMA.validate(JSON.readTree(predictionJson)).stream()
                .map(Error::toString)
                .toList();
    }
}
