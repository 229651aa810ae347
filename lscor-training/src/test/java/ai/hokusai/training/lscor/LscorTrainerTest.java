package ai.hokusai.training.lscor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.lscor.LscorConfig;
import ai.hokusai.runtime.lscor.LscorRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LscorTrainerTest {

    private static final Path COMMITTED = LscorTrainer.COMMITTED_ARTIFACT;

    @TempDir
    static Path retrained;

    private static LscorConfig.Metrics metrics;

    @BeforeAll
    static void retrain() throws IOException {
        metrics = LscorTrainer.train(retrained);
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void retrainingReproducesTheCommittedArtifactByteForByte() throws IOException {
        assertThat(fileNames(retrained)).containsExactly("README.md", "config.json", "model.json", "tokenizer.json");
        assertThat(fileNames(COMMITTED)).isEqualTo(fileNames(retrained));
        for (String file : fileNames(COMMITTED)) {
            assertThat(retrained.resolve(file))
                    .as(file + " must be exactly what training writes")
                    .hasSameBinaryContentAs(COMMITTED.resolve(file));
        }
    }

    @Test
    void heldOutAccuracyBeatsTheBaselineAndIsPublishedInConfig() throws IOException {
        assertThat(metrics.heldoutAccuracy()).isGreaterThan(0.65).isGreaterThan(metrics.majorityClassAccuracy());
        JsonNode published = new ObjectMapper()
                .readTree(COMMITTED.resolve("config.json").toFile())
                .path("metrics");
        assertThat(published.path("heldout_accuracy").asDouble()).isEqualTo(metrics.heldoutAccuracy());
        assertThat(published.path("baseline_accuracy").asDouble()).isEqualTo(0.65);
        assertThat(published.path("train_rows").asInt()).isEqualTo(LscorTrainer.TRAIN_ROWS);
        assertThat(published.path("test_rows").asInt()).isEqualTo(LscorTrainer.TEST_ROWS);
        assertThat(published.path("seed").asLong()).isEqualTo(LscorTrainer.SEED);
        assertThat(Files.readString(COMMITTED.resolve("README.md")))
                .contains("Synthetic demo data", String.format(Locale.ROOT, "%.4f", metrics.heldoutAccuracy()));
    }

    @Test
    void committedArtifactScoresTheHeldOutLeadsAsPublished() {
        List<SyntheticLeads.Lead> leads =
                SyntheticLeads.generate(LscorTrainer.SEED, LscorTrainer.TRAIN_ROWS + LscorTrainer.TEST_ROWS);
        List<SyntheticLeads.Lead> test = leads.subList(LscorTrainer.TRAIN_ROWS, leads.size());
        try (LoadedModel model = new LscorRuntime().load(COMMITTED)) {
            List<Map<String, Object>> predictions =
                    model.predict(test.stream().map(SyntheticLeads.Lead::input).toList());
            long correct = 0;
            for (int i = 0; i < test.size(); i++) {
                boolean converts = (Double) predictions.get(i).get("conversion_probability") >= 0.5;
                correct += converts == test.get(i).converted() ? 1 : 0;
            }
            assertThat((double) correct / test.size()).isCloseTo(metrics.heldoutAccuracy(), offset(1e-4));
        }
    }

    @Test
    void syntheticDataDependsOnlyOnTheSeed() {
        assertThat(SyntheticLeads.generate(5, 50)).isEqualTo(SyntheticLeads.generate(5, 50));
        assertThat(SyntheticLeads.generate(5, 50)).isNotEqualTo(SyntheticLeads.generate(6, 50));
    }

    @Test
    void committedTokenizerLoadsAsAPlainHuggingFaceTokenizer() throws IOException {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(COMMITTED.resolve("tokenizer.json"))) {
            assertThat(tokenizer.tokenize("Vice President, Finance"))
                    .containsExactly("vice", "president", ",", "finance");
            assertThat(tokenizer.tokenize("Astronaut")).containsExactly("[UNK]");
        }
    }
}
