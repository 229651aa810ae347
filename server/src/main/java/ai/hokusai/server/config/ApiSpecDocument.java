package ai.hokusai.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document packaged by {@code api-spec}: the one source of the base URL, the error catalogue and the
 * schemas seeded into the registry. Read once at start-up.
 */
@Component
public class ApiSpecDocument {

    public static final String CLASSPATH_LOCATION = "openapi/openapi.yaml";

    private final String text;
    private final Map<String, Object> root;

    public ApiSpecDocument() {
        try (InputStream in = ApiSpecDocument.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is not on the classpath");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.root = new Yaml(new LoaderOptions()).load(text);
    }

    /** The document exactly as published. */
    public String text() {
        return text;
    }

    public Map<String, Object> root() {
        return root;
    }

    public String apiTitle() {
        return (String) map(root.get("info")).get("title");
    }

    public String apiVersion() {
        return (String) map(root.get("info")).get("version");
    }

    /** The production base URL: the first entry of {@code servers}. */
    public String productionBaseUrl() {
        List<?> servers = (List<?>) root.get("servers");
        return (String) map(servers.get(0)).get("url");
    }

    /** Resolves a local reference such as {@code #/components/schemas/LeadScoringInput}. */
    public Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("Only local references are supported: " + ref);
        }
        Object node = root;
        for (String part : ref.substring(2).split("/")) {
            node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                throw new IllegalArgumentException("No " + ref + " in the OpenAPI document");
            }
        }
        return map(node);
    }

    /** One operation of the document: its path, its method (lower case, as the document spells it) and its fields. */
    public record Operation(String path, String method, Map<String, Object> fields) {}

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** Every operation under {@code paths}, in the document's order. */
    public List<Operation> operations() {
        return operations(root);
    }

    /** Every operation under {@code paths} of a document read as maps. */
    public static List<Operation> operations(Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths"))
                .forEach((path, item) -> map(item).forEach((method, fields) -> {
                    if (METHODS.contains(method)) {
                        operations.add(new Operation(path, method, map(fields)));
                    }
                }));
        return operations;
    }

    /** {@code x-problem-codes} of the Problem schema: code → {status, title, description}. */
    public Map<String, Object> problemCodes() {
        return map(resolve("#/components/schemas/Problem").get("x-problem-codes"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
