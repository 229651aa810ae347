package ai.hokusai.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a loaded artifact was made of: the commit it resolved to (for a Hugging Face Hub artifact, from the manifest
 * its verified download wrote) and each file with its size and SHA-256.
 */
public record ArtifactContents(String revision, List<File> files) {

    /** One file of the artifact, by its path inside the artifact directory. */
    public record File(String name, long size, String sha256) {}

    public ArtifactContents {
        files = List.copyOf(files);
    }

    /**
     * @throws ArtifactLoadException when the directory cannot be read
     */
    static ArtifactContents of(Path directory, JsonMapper json) {
        try {
            String revision = null;
            Path manifest = directory.resolve(HuggingFaceHub.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                JsonNode commit = json.readTree(manifest.toFile()).path("commit");
                revision = commit.asString(null);
            }
            List<File> files = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    String name = directory.relativize(path).toString().replace('\\', '/');
                    if (!name.equals(HuggingFaceHub.MANIFEST)) {
                        files.add(new File(name, Files.size(path), Checksums.sha256(path)));
                    }
                }
            }
            return new ArtifactContents(revision, files);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactLoadException("cannot read the artifact's files: " + e.getMessage(), e);
        }
    }
}
