package ai.hokusai.contract.gates;

import ai.hokusai.contract.gates.RecordedInteractions.Recorded;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The spec leaves {@code predictions} open, because each model has its own output. The registry's seed data names
 * each model's output schema in the spec (model 21: {@code LeadScore}); this gate checks every successful predict
 * interaction's predictions against the schema of the model it called, closed to undocumented fields.
 */
public final class ModelOutputConformance {

    private static final Pattern PREDICT_PATH = Pattern.compile("/api/v1/models/([^/]+)/predict");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A prediction that breaks its model's output schema. */
    public record Finding(Recorded interaction, String message) {

        @Override
        public String toString() {
            return interaction + ": " + message;
        }
    }

    private final Map<String, Schema> outputSchemaByModelRef = new HashMap<>();

    public ModelOutputConformance(Path specFile, Path seedFile) {
        JsonNode spec = YAMLMapper.builder().build().readTree(specFile.toFile());
        for (JsonNode model : JSON.readTree(seedFile.toFile())) {
            Schema schema = closedSchema(spec, model.path("output_schema").asString());
            outputSchemaByModelRef.put(model.path("id").asString(), schema);
            outputSchemaByModelRef.put(model.path("slug").asString(), schema);
            model.path("deployments")
                    .forEach(d -> outputSchemaByModelRef.put(d.path("id").asString(), schema));
        }
    }

    public static Path seedFile() {
        return Path.of(
                System.getProperty("hokusai.seed.file", "../server/src/main/resources/registry/seed-models.json"));
    }

    /** How many interactions a check looked at, so a gate over none can be told apart from a pass. */
    public static long predictionsIn(List<Recorded> interactions) {
        return interactions.stream()
                .filter(ModelOutputConformance::isSuccessfulPredict)
                .count();
    }

    public List<Finding> check(List<Recorded> interactions) {
        List<Finding> findings = new ArrayList<>();
        for (Recorded interaction : interactions) {
            if (!isSuccessfulPredict(interaction)) {
                continue;
            }
            Matcher path = PREDICT_PATH.matcher(interaction.request().getPath());
            path.matches();
            Schema schema = outputSchemaByModelRef.get(path.group(1));
            if (schema == null) {
                findings.add(new Finding(interaction, "no seeded model answers to '" + path.group(1) + "'"));
                continue;
            }
            JsonNode predictions = body(interaction).path("predictions");
            List<JsonNode> each = new ArrayList<>();
            if (predictions.isArray()) {
                predictions.forEach(each::add);
            } else {
                each.add(predictions);
            }
            for (int i = 0; i < each.size(); i++) {
                List<Error> errors = schema.validate(each.get(i));
                String where = predictions.isArray() ? "predictions[" + i + "]" : "predictions";
                errors.forEach(e -> findings.add(new Finding(interaction, where + ": " + e)));
            }
        }
        return findings;
    }

    private static boolean isSuccessfulPredict(Recorded interaction) {
        return "POST".equalsIgnoreCase(interaction.request().getMethod())
                && PREDICT_PATH.matcher(interaction.request().getPath()).matches()
                && interaction.response().getStatus() == 200;
    }

    private static JsonNode body(Recorded interaction) {
        return JSON.readTree(interaction.response().getBody().valueAsString());
    }

    /** The spec component as JSON Schema, closed like the spec validator closes response objects. */
    private static Schema closedSchema(JsonNode spec, String ref) {
        JsonNode node = spec;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("The seed data names " + ref + ", which the spec does not define");
        }
        ObjectNode schema = (ObjectNode) node.deepCopy();
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        return SCHEMAS.getSchema(schema);
    }
}
