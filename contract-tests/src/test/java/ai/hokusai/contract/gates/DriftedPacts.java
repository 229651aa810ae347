package ai.hokusai.contract.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Deliberately drifted pact files, made from one real recorded interaction, so each gate can be shown to reject
 * what it exists to reject.
 */
public final class DriftedPacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftedPacts() {}

    /**
     * Writes a pact file into {@code folder} holding only the recorded interaction named {@code description}, after
     * {@code drift} has changed it.
     */
    public static Path write(Path folder, String description, Consumer<ObjectNode> drift) {
        return write(RecordedInteractions.pactsDir(), folder, description, drift);
    }

    /** As {@link #write(Path, String, Consumer)}, from the pacts recorded in {@code recorded}. */
    public static Path write(Path recorded, Path folder, String description, Consumer<ObjectNode> drift) {
        try {
            Path source = onlyPactFile(recorded);
            ObjectNode pact = (ObjectNode) JSON.readTree(source.toFile());
            ObjectNode interaction = null;
            for (JsonNode candidate : pact.withArray("interactions")) {
                if (candidate.path("description").asText().equals(description)) {
                    interaction = (ObjectNode) candidate.deepCopy();
                }
            }
            if (interaction == null) {
                throw new IllegalStateException("No recorded interaction '" + description + "' in " + source);
            }
            drift.accept(interaction);
            ArrayNode only = JSON.createArrayNode().add(interaction);
            pact.set("interactions", only);
            Files.createDirectories(folder);
            Path file = folder.resolve("drifted.json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), pact);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyPactFile(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No pact file in " + folder));
        }
    }
}
