package ai.hokusai.runtime.lscor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LscorRuntimeLoadTest {

    @TempDir
    Path temp;

    private final LscorRuntime runtime = new LscorRuntime();

    private Path copyOfArtifact() throws IOException {
        Path copy = temp.resolve("lscor-v2");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(Leads.COMMITTED_ARTIFACT)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private void replace(Path artifact, String file, String from, String to) throws IOException {
        String text = Files.readString(artifact.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(artifact.resolve(file), text.replace(from, to));
    }

    @Test
    void loadsACopiedArtifactAndPredicts() throws IOException {
        try (LoadedModel model = runtime.load(copyOfArtifact())) {
            assertThat(model.predict(List.of(Leads.vpTechnologyWithDemo()))).hasSize(1);
        }
    }

    @Test
    void missingDirectoryIsReported() {
        assertThatThrownBy(() -> runtime.load(temp.resolve("nowhere")))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void missingTokenizerIsReported() throws IOException {
        Path artifact = copyOfArtifact();
        Files.delete(artifact.resolve("tokenizer.json"));

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void corruptTokenizerIsReported() throws IOException {
        Path artifact = copyOfArtifact();
        Files.writeString(artifact.resolve("tokenizer.json"), "{\"model\": {\"type\": \"NoSuchModel\"}}");

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("tokenizer");
    }

    @Test
    void malformedConfigIsReported() throws IOException {
        Path artifact = copyOfArtifact();
        Files.writeString(artifact.resolve("config.json"), "{ not json");

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("config.json");
    }

    @Test
    void configWithoutThresholdsIsReported() throws IOException {
        Path artifact = copyOfArtifact();
        replace(artifact, "config.json", "\"thresholds\"", "\"limits\"");

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("thresholds");
    }

    @Test
    void artifactOfAnotherRuntimeIsRefused() throws IOException {
        Path artifact = copyOfArtifact();
        replace(artifact, "config.json", "\"runtime\": \"lscor-logistic\"", "\"runtime\": \"onnx\"");

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("onnx");
    }

    @Test
    void weightForATokenOutsideTheVocabularyIsRefused() throws IOException {
        Path artifact = copyOfArtifact();
        replace(artifact, "model.json", "\"vp\":", "\"astronaut\":");

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("astronaut");
    }

    @Test
    void missingWeightsAreReported() throws IOException {
        Path artifact = copyOfArtifact();
        Files.delete(artifact.resolve("model.json"));

        assertThatThrownBy(() -> runtime.load(artifact))
                .isInstanceOf(ArtifactLoadException.class)
                .hasMessageContaining("model.json");
    }
}
