package ai.hokusai.server.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Model repositories laid out as a Hugging Face Hub repository holds them, for the Hub stub to serve: model 21's
 * committed artifact (at any version) and a real sentence encoder, the quantised all-MiniLM-L6-v2 that a Maven
 * artifact ships.
 */
public final class HubArtifacts {

    static final Path LSCOR = Path.of("src/main/resources/models/lscor-v2").toAbsolutePath();

    private HubArtifacts() {}

    /** Model 21's committed artifact with its config's version set to {@code version}. */
    static Path lscor(Path directory, String version) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(LSCOR)) {
                for (Path file : files.toList()) {
                    Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path config = directory.resolve("config.json");
            Files.writeString(
                    config,
                    Files.readString(config).replace("\"version\": \"2.0.0\"", "\"version\": \"" + version + "\""));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code model.onnx}, {@code tokenizer.json} and {@code config.json} of the quantised all-MiniLM-L6-v2. */
    public static Path miniLm(Path directory) {
        try {
            Files.createDirectories(directory);
            copy("all-minilm-l6-v2-q.onnx", directory.resolve("model.onnx"));
            copy("all-minilm-l6-v2-q-tokenizer.json", directory.resolve("tokenizer.json"));
            Files.writeString(
                    directory.resolve("config.json"), "{\"version\": \"all-minilm-l6-v2-q\", \"max_length\": 256}");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = HubArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
