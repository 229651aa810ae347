package ai.hokusai.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.TokenCounter;
import ai.hokusai.testsupport.Cosine;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onnx-text-embedding runtime on a real sentence encoder (quantised all-MiniLM-L6-v2 as a Maven artifact ships
 * it), checked against that artifact's own implementation of the same model.
 */
class OnnxTextEmbeddingRuntimeTest {

    private static final List<String> SENTENCES = List.of(
            "Score this lead before the quarter ends.",
            "The VP of Engineering requested a demo.",
            "A short one.",
            "Hokusai serves machine-learning models to third-party developers through one public HTTP API.",
            "Über-naïve café résumé — unicode survives tokenisation.");

    @TempDir
    static Path artifact;

    private static LoadedModel model;
    private static AllMiniLmL6V2QuantizedEmbeddingModel reference;

    @BeforeAll
    static void layOutAndLoadTheArtifact() throws IOException {
        copy("all-minilm-l6-v2-q.onnx", artifact.resolve(OnnxTextEmbeddingRuntime.MODEL_FILE));
        copy("all-minilm-l6-v2-q-tokenizer.json", artifact.resolve(OnnxTextEmbeddingRuntime.TOKENIZER_FILE));
        Files.writeString(
                artifact.resolve(OnnxTextEmbeddingRuntime.CONFIG_FILE),
                "{\"version\": \"all-minilm-l6-v2-q\", \"max_length\": 256}");
        model = new OnnxTextEmbeddingRuntime().load(artifact);
        reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void embeddingsAgreeWithTheReferenceImplementation() {
        List<Map<String, Object>> predictions = model.predict(SENTENCES.stream()
                .map(text -> Map.<String, Object>of("text", text))
                .toList());

        assertThat(predictions).hasSize(SENTENCES.size());
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] expected = reference.embed(SENTENCES.get(i)).content().vector();
            List<Double> actual = embedding(predictions.get(i));
            assertThat(actual).hasSize(expected.length);
            assertThat(Cosine.similarity(actual, expected))
                    .as("cosine for \"%s\"", SENTENCES.get(i))
                    .isGreaterThanOrEqualTo(0.999);
        }
    }

    @Test
    void embeddingsHaveUnitLengthAndABatchEqualsSingleCalls() {
        List<Map<String, Object>> batch =
                model.predict(List.of(Map.of("text", SENTENCES.get(0)), Map.of("text", SENTENCES.get(3))));
        List<Double> alone = embedding(
                model.predict(List.of(Map.of("text", SENTENCES.get(0)))).get(0));

        double norm = Math.sqrt(alone.stream().mapToDouble(v -> v * v).sum());
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        List<Double> padded = embedding(batch.get(0));
        for (int d = 0; d < alone.size(); d++) {
            assertThat(padded.get(d))
                    .as("dimension %d: padding does not change the embedding", d)
                    .isCloseTo(alone.get(d), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void tokensAreCountedByTheModelsOwnTokenizerWithSpecialTokensAndTruncation() {
        TokenCounter counter = (TokenCounter) model;
        // [CLS] a short one . [SEP]
        assertThat(counter.tokens("A short one.")).isEqualTo(6);
        assertThat(counter.tokens("Score this lead before the quarter ends.")).isEqualTo(10);
        // The config's max_length: the model reads no more, so no more is counted.
        assertThat(counter.tokens("word ".repeat(1000))).isEqualTo(256);
    }

    @Test
    void aVersionComesFromTheConfig() {
        assertThat(model.version()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(new OnnxTextEmbeddingRuntime().id()).isEqualTo("onnx-text-embedding");
    }

    @Test
    void aDirectoryWithoutModelOrTokenizerIsRefusedByName(@TempDir Path empty) throws IOException {
        assertThatThrownBy(() -> new OnnxTextEmbeddingRuntime().load(empty))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("model.onnx");
        Files.copy(artifact.resolve(OnnxTextEmbeddingRuntime.MODEL_FILE), empty.resolve("model.onnx"));
        assertThatThrownBy(() -> new OnnxTextEmbeddingRuntime().load(empty))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsRefused(@TempDir Path broken) throws IOException {
        Files.writeString(broken.resolve("model.onnx"), "not a model");
        Files.copy(artifact.resolve(OnnxTextEmbeddingRuntime.TOKENIZER_FILE), broken.resolve("tokenizer.json"));
        assertThatThrownBy(() -> new OnnxTextEmbeddingRuntime().load(broken))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("cannot load ONNX model");
    }

    @SuppressWarnings("unchecked")
    private static List<Double> embedding(Map<String, Object> prediction) {
        return (List<Double>) prediction.get("embedding");
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in =
                AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " is in the model's Maven artifact").isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
