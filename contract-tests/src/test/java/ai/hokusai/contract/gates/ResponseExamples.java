package ai.hokusai.contract.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec's success response examples, each with the request that should produce it: path parameters and query
 * parameters from their own examples, the body from the request example of the same name (or the operation's only
 * one). Examples whose answer depends on what happened before (keys issued, predictions metered) are listed in
 * {@link #EXEMPTIONS} with the reason, and an exemption without such an example is reported, so the list cannot rot.
 */
public final class ResponseExamples {

    /** Operations whose success examples cannot be reproduced by one request to a fresh server, and why. */
    public static final Map<String, String> EXEMPTIONS = Map.ofEntries(
            Map.entry(
                    "createOpenAiEmbeddings",
                    "embeds with a sentence encoder, which a fresh server has none of (it serves model 21 only); "
                            + "OpenAiJavaClientIT and OpenAiNodeClientIT check real embeddings against predict"),
            Map.entry("listOpenAiModels", "as for createOpenAiEmbeddings: a fresh server has no embedding model"),
            Map.entry("getOpenAiModel", "as for createOpenAiEmbeddings: a fresh server has no embedding model"),
            Map.entry("listApiKeys", "lists the keys issued before, which differ on every server"),
            Map.entry("getUsage", "counts what was metered before, which differs on every server"),
            Map.entry("reportOutcome", "needs the inference log id of an earlier prediction"),
            Map.entry("getOpenApiDocument", "answers the document itself, not JSON"),
            Map.entry(
                    "createDeployment",
                    "starts a download from the Hugging Face Hub, which a test server cannot reach; the "
                            + "server's DeploymentLifecycleIT deploys from a Hub stub"),
            Map.entry("getOwnAccount", "shows a publisher's account; a fresh server's only key is the operator's"),
            Map.entry("getAccount", "reads an account created on another server"),
            Map.entry("listAuditEvents", "lists what was changed before, which differs on every server"),
            Map.entry("getModelUsage", "counts what was metered before, which differs on every server"));

    /** Query parameters whose example only makes sense after an earlier answer. */
    private static final Set<String> NOT_SENT = Set.of("cursor");

    /** One documented success answer and the request that should produce it. */
    public record Case(
            String operationId,
            String status,
            String exampleName,
            String method,
            String path,
            JsonNode requestBody,
            JsonNode example) {
        @Override
        public String toString() {
            return operationId + " " + status + " " + exampleName;
        }
    }

    private final JsonNode spec;

    public ResponseExamples(JsonNode spec) {
        this.spec = spec;
    }

    public static JsonNode read(Path specFile) {
        try {
            return new YAMLMapper().readTree(specFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec's {@code components.examples}, to change one on purpose. */
    public ObjectNode namedExample(String name) {
        return (ObjectNode) spec.path("components").path("examples").path(name).path("value");
    }

    /** Every 2xx JSON example of every operation that {@link #EXEMPTIONS} does not name. */
    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            String id = operation.path("operationId").asText();
            if (EXEMPTIONS.containsKey(id)) return;
            operation.path("responses").fields().forEachRemaining(response -> {
                if (!response.getKey().startsWith("2")) return;
                JsonNode media = resolve(response.getValue()).path("content").path("application/json");
                examples(media)
                        .forEach((name, value) -> cases.add(new Case(
                                id,
                                response.getKey(),
                                name,
                                method.toUpperCase(),
                                url(path, operation),
                                requestBody(operation, name),
                                value)));
            });
        });
        return cases;
    }

    /** Exempt operations that document no JSON success example at all: their exemption is needless. */
    public List<String> needlessExemptions() {
        List<String> needless = new ArrayList<>(EXEMPTIONS.keySet());
        forEachOperation((path, method, operation) -> operation
                .path("responses")
                .fields()
                .forEachRemaining(response -> {
                    if (response.getKey().startsWith("2")
                            && !resolve(response.getValue()).path("content").isMissingNode()) {
                        needless.remove(operation.path("operationId").asText());
                    }
                }));
        return needless;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    if (method.getValue().has("operationId"))
                        visitor.visit(path.getKey(), method.getKey(), method.getValue());
                }));
    }

    private Map<String, JsonNode> examples(JsonNode media) {
        Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        if (media.has("example")) found.put("example", media.get("example"));
        media.path("examples")
                .fields()
                .forEachRemaining(
                        e -> found.put(e.getKey(), resolve(e.getValue()).path("value")));
        return found;
    }

    private JsonNode requestBody(JsonNode operation, String responseExampleName) {
        JsonNode media = resolve(operation.path("requestBody")).path("content").path("application/json");
        if (media.isMissingNode()) return null;
        Map<String, JsonNode> requests = examples(media);
        if (requests.containsKey(responseExampleName)) return requests.get(responseExampleName);
        if (requests.size() == 1) return requests.values().iterator().next();
        throw new IllegalStateException(operation.path("operationId").asText() + ": no request example named "
                + responseExampleName + " to match its response example, and not exactly one to use instead");
    }

    private String url(String template, JsonNode operation) {
        String path = template;
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter);
            JsonNode example =
                    p.has("example") ? p.get("example") : p.path("schema").path("example");
            String name = p.path("name").asText();
            if ("path".equals(p.path("in").asText())) {
                if (example.isMissingNode())
                    throw new IllegalStateException(template + ": path parameter " + name + " has no example");
                path = path.replace("{" + name + "}", example.asText());
            } else if ("query".equals(p.path("in").asText()) && !example.isMissingNode() && !NOT_SENT.contains(name)) {
                query.add(name + "=" + URLEncoder.encode(example.asText(), StandardCharsets.UTF_8));
            }
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            JsonNode target = spec;
            for (Iterator<String> parts = List.of(ref.substring(2).split("/")).iterator(); parts.hasNext(); ) {
                target = target.path(parts.next());
            }
            current = target;
        }
        return current;
    }
}
