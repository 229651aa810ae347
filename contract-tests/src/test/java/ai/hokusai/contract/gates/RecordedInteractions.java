package ai.hokusai.contract.gates;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.IResponse;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The HTTP interactions of every pact file in a folder, as Pact itself reads them. */
public final class RecordedInteractions {

    /** One recorded request and the response the consumer expects to it. */
    public record Recorded(String pactFile, String description, IRequest request, IResponse response) {

        @Override
        public String toString() {
            return "'" + description + "' (" + request.getMethod() + " " + request.getPath() + " -> "
                    + response.getStatus() + ", " + pactFile + ")";
        }
    }

    /** One consumer of the contract and the folder its pacts are recorded in. */
    public record Consumer(String name, Path pactsDir) {

        @Override
        public String toString() {
            return name;
        }
    }

    private RecordedInteractions() {}

    /** The folder the Java SDK's consumer tests write to; set by the build. */
    public static Path pactsDir() {
        return Path.of(System.getProperty("hokusai.pacts.dir", "target/pacts"));
    }

    /** Every consumer whose pacts the gates hold to the spec: the Java SDK and the TypeScript SDK. */
    public static List<Consumer> consumers() {
        return List.of(
                new Consumer("hokusai-sdk-java", pactsDir()),
                new Consumer(
                        "hokusai-sdk-typescript",
                        Path.of(System.getProperty("hokusai.typescript.pacts.dir", "../sdk-typescript/target/pacts"))));
    }

    public static Path specFile() {
        return Path.of(System.getProperty("hokusai.spec.file", "../api-spec/src/main/openapi/openapi.yaml"));
    }

    /**
     * @throws IllegalStateException when the folder holds no interaction at all: a gate over nothing would pass
     */
    public static List<Recorded> in(Path folder) {
        List<Recorded> recorded = new ArrayList<>();
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Pact pact = DefaultPactReader.INSTANCE.loadPact(file.toFile());
                for (Interaction interaction : pact.getInteractions()) {
                    SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
                    if (http == null) {
                        throw new IllegalStateException("Not an HTTP interaction: '" + interaction.getDescription()
                                + "' in " + file.getFileName());
                    }
                    recorded.add(new Recorded(
                            file.getFileName().toString(),
                            interaction.getDescription(),
                            http.getRequest(),
                            http.getResponse()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (recorded.isEmpty()) {
            throw new IllegalStateException("No pact interactions in " + folder.toAbsolutePath()
                    + ": run the consumer tests (mvn verify runs them first)");
        }
        return recorded;
    }
}
