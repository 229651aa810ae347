package ai.hokusai.contract.gates;

import ai.hokusai.contract.gates.RecordedInteractions.Recorded;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec leaves {@code predictions} open, because each model has its own output. The registry's seed data names
 * each model's output schema in the spec (model 21: {@code LeadScore}); this gate checks every successful predict
 * interaction's predictions against the schema of the model it called, closed to undocumented fields.
 */
public final class ModelOutputConformance {

    private static final Pattern PREDICT_PATH = Pattern.compile("/api/v1/models/([^/]+)/predict");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A prediction that breaks its model's output schema. */
    public record Finding(Recorded interaction, String message) {

        @Override
        public String toString() {
            return interaction + ": " + message;
        }
    }

    private final Map<String, JsonSchema> outputSchemaByModelRef = new HashMap<>();

    public ModelOutputConformance(Path specFile, Path seedFile) {
        try {
            JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(specFile.toFile());
            for (JsonNode model : JSON.readTree(seedFile.toFile())) {
                JsonSchema schema =
                        closedSchema(spec, model.path("output_schema").asText());
                outputSchemaByModelRef.put(model.path("id").asText(), schema);
                outputSchemaByModelRef.put(model.path("slug").asText(), schema);
                model.path("deployments")
                        .forEach(d -> outputSchemaByModelRef.put(d.path("id").asText(), schema));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            JsonSchema schema = outputSchemaByModelRef.get(path.group(1));
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
                Set<ValidationMessage> messages = schema.validate(each.get(i));
                String where = predictions.isArray() ? "predictions[" + i + "]" : "predictions";
                messages.forEach(m -> findings.add(new Finding(interaction, where + ": " + m.getMessage())));
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
        try {
            return JSON.readTree(interaction.response().getBody().valueAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec component as JSON Schema, closed like the spec validator closes response objects. */
    private static JsonSchema closedSchema(JsonNode spec, String ref) {
        JsonNode node = spec;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("The seed data names " + ref + ", which the spec does not define");
        }
        ObjectNode schema = node.deepCopy();
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        return SCHEMAS.getSchema(schema);
    }
}
