package ai.hokusai.contract.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The request samples the API reference shows: the {@code x-codeSamples} of the copy of the spec the reference page
 * embeds ({@code assets/reference-spec.js}), which the docs build generates from the spec's examples.
 */
final class ReferenceSamples {

    static final String CURL = "curl";
    static final String JAVA = "Java SDK";
    static final String TYPESCRIPT = "TypeScript SDK";

    /** One sample of one operation, as the reference shows it. */
    record Sample(String operationId, String method, String path, String label, String source) {
        @Override
        public String toString() {
            return "reference.html#" + operationId + " (" + label + ")";
        }

        /** The sample as an SDK example of {@code kind} on the reference page, which promises only that it runs. */
        DocSite.Example asExample(String kind) {
            return new DocSite.Example("reference.html", operationId, kind, source, -1, "", null, Set.of(), "");
        }
    }

    private static final String PREFIX = "window.HOKUSAI_SPEC = ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceSamples() {}

    /** Every sample with {@code label}, one per operation in the order of the spec. */
    static List<Sample> read(DocSite site, String label) {
        List<Sample> samples = new ArrayList<>();
        rendered(site)
                .path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    JsonNode operation = method.getValue();
                    if (!operation.has("operationId")) return;
                    for (JsonNode sample : operation.path("x-codeSamples")) {
                        if (label.equals(sample.path("label").asText())) {
                            samples.add(new Sample(
                                    operation.get("operationId").asText(),
                                    method.getKey().toUpperCase(),
                                    path.getKey(),
                                    label,
                                    sample.path("source").asText()));
                        }
                    }
                }));
        return samples;
    }

    /** Every sample with {@code label}, after checking there is exactly one for every operation of the spec. */
    static List<Sample> readForEveryOperation(DocSite site, String label) {
        List<Sample> samples = read(site, label);
        List<String> sampled =
                samples.stream().map(Sample::operationId).sorted().toList();
        List<String> operations = operationIds(site).stream().sorted().toList();
        if (!sampled.equals(operations)) {
            throw new AssertionError("The reference's " + label + " samples are for " + sampled
                    + ", not one for each operation " + operations);
        }
        return samples;
    }

    /** The sample with {@code label} of one operation. */
    static Sample of(DocSite site, String label, String operationId) {
        return read(site, label).stream()
                .filter(sample -> sample.operationId().equals(operationId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + label + " sample for " + operationId));
    }

    /** The operation ids of the published spec, to hold the samples to. */
    static List<String> operationIds(DocSite site) {
        List<String> ids = new ArrayList<>();
        PublishedSpec.read(site)
                .path("paths")
                .forEach(path -> path.forEach(operation -> {
                    if (operation.has("operationId"))
                        ids.add(operation.get("operationId").asText());
                }));
        return ids;
    }

    private static JsonNode rendered(DocSite site) {
        try {
            String js = Files.readString(site.root().resolve("assets/reference-spec.js"))
                    .strip();
            if (!js.startsWith(PREFIX) || !js.endsWith(";")) {
                throw new IllegalStateException("assets/reference-spec.js does not assign " + PREFIX.strip());
            }
            return JSON.readTree(js.substring(PREFIX.length(), js.length() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
