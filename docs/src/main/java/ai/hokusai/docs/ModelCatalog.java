package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry's seed data joined with each model's card (README.md) and machine-readable config (config.json).
 * A seeded model without a card, a training-data disclosure or a held-out accuracy stops the build: the catalog
 * must never publish a model whose card is missing.
 */
final class ModelCatalog {

    record Model(JsonNode seed, String card, JsonNode metrics, Path cardDir) {
        String id() {
            return seed.path("id").asText();
        }

        String slug() {
            return seed.path("slug").asText();
        }

        String name() {
            return seed.path("name").asText();
        }

        String page() {
            return "models/" + id() + ".html";
        }

        JsonNode activeDeployment() {
            for (JsonNode d : seed.path("deployments"))
                if ("active".equals(d.path("status").asText())) return d;
            throw new SiteException("model " + id() + " has no active deployment in the seed data");
        }
    }

    private final List<Model> models;

    private ModelCatalog(List<Model> models) {
        this.models = models;
    }

    static ModelCatalog load(Path seedFile, Path modelsDir) throws IOException {
        JsonNode seed = Json.MAPPER.readTree(seedFile.toFile());
        List<Model> models = new ArrayList<>();
        for (JsonNode entry : seed) {
            Path dir = cardDir(entry, modelsDir);
            Path readme = dir.resolve("README.md");
            Path config = dir.resolve("config.json");
            String id = entry.path("id").asText();
            if (!Files.isRegularFile(readme)) {
                throw new SiteException("model " + id + " is seeded but has no model card at " + readme);
            }
            if (!Files.isRegularFile(config)) {
                throw new SiteException("model " + id + " is seeded but has no config.json (metrics) at " + config);
            }
            String card = Files.readString(readme);
            if (!card.toLowerCase(Locale.ROOT).contains("training data")) {
                throw new SiteException(
                        "the model card of model " + id + " does not disclose its training data: " + readme);
            }
            JsonNode metrics = Json.MAPPER.readTree(config.toFile()).path("metrics");
            if (!metrics.path("heldout_accuracy").isNumber()) {
                throw new SiteException(
                        "config.json of model " + id + " has no numeric metrics.heldout_accuracy: " + config);
            }
            models.add(new Model(entry, card, metrics, dir));
        }
        if (models.isEmpty()) throw new SiteException("the registry seed data lists no model: " + seedFile);
        return new ModelCatalog(models);
    }

    /** Cards live beside the bundled artifact ({@code classpath:models/<name>}); other storages use the slug. */
    private static Path cardDir(JsonNode entry, Path modelsDir) {
        for (JsonNode d : entry.path("deployments")) {
            String location = d.path("artifact").path("location").asText("");
            if ("active".equals(d.path("status").asText()) && location.startsWith("classpath:models/")) {
                return modelsDir.resolve(location.substring("classpath:models/".length()));
            }
        }
        return modelsDir.resolve(entry.path("slug").asText());
    }

    List<Model> models() {
        return models;
    }

    Model model(String id) {
        return models.stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new SiteException("the registry seed data has no model " + id));
    }

    /** {@code 21.slug}, {@code 21.deployment_id} (the active deployment), {@code 21.max_batch_size}, … */
    String value(String idDotField) {
        int dot = idDotField.indexOf('.');
        if (dot < 1) throw new SiteException("{{model:…}} takes <id>.<field>, got " + idDotField);
        Model model = model(idDotField.substring(0, dot));
        String field = idDotField.substring(dot + 1);
        if ("deployment_id".equals(field))
            return model.activeDeployment().path("id").asText();
        if ("deployment_version".equals(field))
            return model.activeDeployment().path("version").asText();
        JsonNode value = model.seed().path(field);
        if (value.isMissingNode() || value.isContainerNode()) {
            throw new SiteException("model " + model.id() + " has no scalar seed field " + field);
        }
        return value.asText();
    }
}
