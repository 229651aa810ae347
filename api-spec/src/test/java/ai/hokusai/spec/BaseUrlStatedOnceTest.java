package ai.hokusai.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The old docs named three base URLs and an integrator called the wrong one. Now only the spec's {@code servers}
 * names the host: code, docs sources and the README take it from there.
 */
class BaseUrlStatedOnceTest {

    private static final Path ROOT = Path.of("..");
    private static final List<Path> SOURCES = List.of(
            ROOT.resolve("server/src/main"),
            ROOT.resolve("sdk-java/src/main"),
            ROOT.resolve("docs/src"),
            ROOT.resolve("README.md"));

    @Test
    void noSourceOutsideTheSpecNamesTheHost() {
        List<String> restated = SOURCES.stream()
                .filter(Files::exists)
                .flatMap(BaseUrlStatedOnceTest::files)
                .filter(BaseUrlStatedOnceTest::namesTheHost)
                .map(Path::toString)
                .toList();
        assertThat(restated)
                .as("files that restate the host instead of reading the spec's servers")
                .isEmpty();
    }

    @Test
    void theScanFindsAHostWhereOneIsWritten() throws IOException {
        Path file = Files.createTempFile("restated", ".md");
        Files.writeString(file, "Call https://api.hokus.ai/api/v1/models/21/predict");
        assertThat(namesTheHost(file)).isTrue();
        Files.delete(file);
    }

    private static Stream<Path> files(Path root) {
        try {
            return Files.isRegularFile(root)
                    ? Stream.of(root)
                    : Files.walk(root).filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean namesTheHost(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("hokus.ai");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
