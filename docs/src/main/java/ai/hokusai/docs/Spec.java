package ai.hokusai.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Read-only view of the OpenAPI contract: every fact a page states is looked up here, never typed into a page. */
final class Spec {

    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    record Operation(String method, String path, JsonNode node) {
        String id() {
            return node.path("operationId").asText();
        }

        String summary() {
            return node.path("summary").asText();
        }

        String tag() {
            return node.path("tags").path(0).asText();
        }
        /** The anchor Redoc gives the operation, so other pages can deep-link into the reference. */
        String referenceAnchor() {
            return "tag/" + tag() + "/operation/" + id();
        }
    }

    private final JsonNode root;

    private Spec(JsonNode root) {
        this.root = root;
    }

    static Spec load(Path file) throws IOException {
        return new Spec(new YAMLMapper().readTree(file.toFile()));
    }

    JsonNode root() {
        return root;
    }

    String baseUrl() {
        String url = root.path("servers").path(0).path("url").asText("");
        if (url.isEmpty()) throw new SiteException("the spec has no servers[0].url, the one production base URL");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String title() {
        return root.path("info").path("title").asText();
    }

    String version() {
        return root.path("info").path("version").asText();
    }

    /** A JSON pointer such as {@code #/components/schemas/LeadScore}, as the registry seed data uses them. */
    JsonNode at(String ref) {
        if (!ref.startsWith("#/")) throw new SiteException("not a local reference: " + ref);
        JsonNode node = root.at(ref.substring(1));
        if (node.isMissingNode()) throw new SiteException("the spec has nothing at " + ref);
        return node;
    }

    /** Follows {@code $ref} until it reaches a concrete node. */
    JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node.has("$ref")) {
            if (++hops > 20)
                throw new SiteException("$ref cycle at " + node.get("$ref").asText());
            node = at(node.get("$ref").asText());
        }
        return node;
    }

    JsonNode component(String kind, String name) {
        JsonNode node = root.path("components").path(kind).path(name);
        if (node.isMissingNode()) throw new SiteException("the spec has no components." + kind + "." + name);
        return resolve(node);
    }

    JsonNode exampleValue(String name) {
        return component("examples", name).path("value");
    }

    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) ops.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), op));
            }
        });
        return ops;
    }

    Operation operation(String operationId) {
        return operations().stream()
                .filter(op -> op.id().equals(operationId))
                .findFirst()
                .orElseThrow(() -> new SiteException("the spec has no operation " + operationId));
    }

    /** The first documented example of one response of one operation, e.g. {@code predict/200}. */
    JsonNode responseExample(String operationId, String status) {
        JsonNode response = operation(operationId).node().path("responses").path(status);
        if (response.isMissingNode()) throw new SiteException(operationId + " documents no " + status + " response");
        Iterator<JsonNode> media = resolve(response).path("content").elements();
        while (media.hasNext()) {
            JsonNode content = media.next();
            if (content.has("example")) return content.get("example");
            Iterator<JsonNode> examples = content.path("examples").elements();
            if (examples.hasNext()) return resolve(examples.next()).path("value");
        }
        throw new SiteException(operationId + " " + status + " has no example to show");
    }

    /**
     * Where the response schema of {@code operationId}/{@code status} holds free-form objects ({@code type: object},
     * no {@code properties}, {@code additionalProperties: true}), as paths like {@code /data/*}{@code /input_schema}.
     * The spec's examples may abbreviate these, so the doc tests accept any object there.
     */
    List<String> freeFormPaths(String operationId, String status) {
        List<String> paths = new ArrayList<>();
        Iterator<JsonNode> media = resolve(
                        operation(operationId).node().path("responses").path(status))
                .path("content")
                .elements();
        if (media.hasNext()) collectFreeForm(media.next().path("schema"), "", paths, 0);
        return paths;
    }

    private void collectFreeForm(JsonNode schemaNode, String path, List<String> paths, int depth) {
        if (schemaNode.isMissingNode() || depth > 12) return;
        JsonNode schema = resolve(schemaNode);
        if ("object".equals(schema.path("type").asText())
                && !schema.has("properties")
                && schema.path("additionalProperties").asBoolean(false)) {
            paths.add(path);
            return;
        }
        schema.path("properties")
                .fields()
                .forEachRemaining(p -> collectFreeForm(p.getValue(), path + "/" + p.getKey(), paths, depth + 1));
        if (schema.has("items")) collectFreeForm(schema.get("items"), path + "/*", paths, depth + 1);
    }

    /** {@code components.schemas.Problem.x-problem-codes}, in the order the spec lists them. */
    Map<String, JsonNode> problemCodes() {
        Map<String, JsonNode> codes = new LinkedHashMap<>();
        component("schemas", "Problem")
                .path("x-problem-codes")
                .fields()
                .forEachRemaining(e -> codes.put(e.getKey(), e.getValue()));
        if (codes.isEmpty()) throw new SiteException("the Problem schema lists no x-problem-codes");
        return codes;
    }
}
