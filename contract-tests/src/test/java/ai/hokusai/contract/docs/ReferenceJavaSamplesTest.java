package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java samples of the API reference compile against the SDK as shown — their own imports, nothing added — for
 * Java 11, the oldest Java the SDK supports. A sample that calls a method the SDK lacks, or names a type it does not
 * import, fails the build.
 */
class ReferenceJavaSamplesTest {

    private final DocSite site = DocSite.built();

    @Test
    void everyOperationHasAJavaSampleThatCompilesAgainstTheSdk() throws IOException {
        List<ReferenceSamples.Sample> samples = ReferenceSamples.readForEveryOperation(site, ReferenceSamples.JAVA);
        assertThat(samples)
                .allSatisfy(sample -> assertThat(sample.source())
                        .as(sample.toString())
                        .contains("import ai.hokusai.sdk.HokusaiClient;"));

        assertThat(compile(samples))
                .as("the reference's Java samples, compiled against the SDK")
                .isNull();
    }

    @Test
    void aSampleCallingWhatTheSdkLacksDoesNotCompile() throws IOException {
        ReferenceSamples.Sample listModels = ReferenceSamples.of(site, ReferenceSamples.JAVA, "listModels");
        ReferenceSamples.Sample drifted = new ReferenceSamples.Sample(
                listModels.operationId(),
                listModels.method(),
                listModels.path(),
                listModels.label(),
                listModels.source().replace("models().list()", "models().listEverything()"));
        assertThat(drifted.source()).isNotEqualTo(listModels.source());

        assertThat(compile(List.of(drifted))).contains("listEverything");
    }

    /** Compiles every sample as its own class in one run; the diagnostics, or null when all compiled. */
    private static String compile(List<ReferenceSamples.Sample> samples) throws IOException {
        Path dir = Files.createTempDirectory("hokusai-reference-samples");
        List<Path> sources = new ArrayList<>();
        for (ReferenceSamples.Sample sample : samples) {
            String className = "Sample_" + sample.operationId();
            Path source = dir.resolve(className + ".java");
            Files.writeString(source, SdkExampleRunner.asClass(sample.source(), className, ""));
            sources.add(source);
        }
        return SdkExampleRunner.compile(dir, sources);
    }
}
