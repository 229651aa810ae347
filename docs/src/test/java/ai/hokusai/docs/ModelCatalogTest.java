package ai.hokusai.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    private static final String SEED = """
            [{"id": 7, "slug": "demo-v1", "name": "Demo", "deployments": [
              {"id": "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21", "status": "active",
               "artifact": {"provider": "bundled", "location": "classpath:models/demo-v1"}}]}]
            """;

    @TempDir
    Path dir;

    private Path seed() throws Exception {
        return Files.writeString(dir.resolve("seed.json"), SEED);
    }

    private void card(String readme, String config) throws Exception {
        Path model = Files.createDirectories(dir.resolve("models/demo-v1"));
        if (readme != null) Files.writeString(model.resolve("README.md"), readme);
        if (config != null) Files.writeString(model.resolve("config.json"), config);
    }

    @Test
    void aSeededModelWithoutACardStopsTheBuild() throws Exception {
        assertThatThrownBy(() -> ModelCatalog.load(seed(), dir.resolve("models")))
                .isInstanceOf(SiteException.class)
                .hasMessageContaining("model 7 is seeded but has no model card");
    }

    @Test
    void aCardWithoutTrainingDataDisclosureStopsTheBuild() throws Exception {
        card("# Demo\n\nNo word on data.\n", "{\"metrics\": {\"heldout_accuracy\": 0.7}}");
        assertThatThrownBy(() -> ModelCatalog.load(seed(), dir.resolve("models")))
                .isInstanceOf(SiteException.class)
                .hasMessageContaining("does not disclose its training data");
    }

    @Test
    void aCardWithoutHeldOutAccuracyStopsTheBuild() throws Exception {
        card("# Demo\n\n## Training data\n\nSynthetic.\n", "{\"metrics\": {}}");
        assertThatThrownBy(() -> ModelCatalog.load(seed(), dir.resolve("models")))
                .isInstanceOf(SiteException.class)
                .hasMessageContaining("heldout_accuracy");
    }

    @Test
    void aCompleteCardIsFoundBesideTheBundledArtifact() throws Exception {
        card("# Demo\n\n## Training data\n\nSynthetic.\n", "{\"metrics\": {\"heldout_accuracy\": 0.7}}");
        ModelCatalog catalog = ModelCatalog.load(seed(), dir.resolve("models"));
        assertThat(catalog.value("7.deployment_id")).isEqualTo("6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21");
        assertThat(catalog.model("7").metrics().path("heldout_accuracy").asDouble())
                .isEqualTo(0.7);
    }

    @Test
    void theCardLosesFrontMatterAndTitleAndSitsOneLevelDown() {
        String card = "---\ntags:\n- x\n---\n\n# Demo v1\n\nIntro.\n\n## Training data\n\n```\n# not a heading\n```\n";
        String section = ModelPages.demoteHeadings(card);
        assertThat(section)
                .doesNotContain("tags:")
                .doesNotContain("# Demo v1")
                .contains("### Training data")
                .contains("\n# not a heading\n");
    }
}
