package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The scope each operation needs, read once from the spec's {@code x-required-scope}, so the reference and the
 * server cannot disagree. Start-up fails when an operation that needs a key names no known scope.
 */
@Component
public class RequiredScopes {

    public static final String EXTENSION = "x-required-scope";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final Map<String, String> byOperationId;

    public RequiredScopes(ApiSpecDocument spec) {
        this.byOperationId = read(spec.root());
    }

    /** The scope an operation needs; empty for operations that need no key. */
    public Optional<String> of(String operationId) {
        return Optional.ofNullable(byOperationId.get(operationId));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> read(Map<String, Object> root) {
        Map<String, String> scopes = new HashMap<>();
        Map<String, Object> paths = (Map<String, Object>) root.get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            boolean public_ = List.of().equals(operation.get("security"));
            Object scope = operation.get(EXTENSION);
            if (public_) {
                if (scope != null) {
                    throw new IllegalStateException(method + " " + path + " needs no key but names a scope");
                }
                return;
            }
            if (!(scope instanceof String s) || !ApiKeyService.ALL_SCOPES.contains(s)) {
                throw new IllegalStateException(method.toUpperCase() + " " + path + " must name one of "
                        + ApiKeyService.ALL_SCOPES + " in " + EXTENSION + ", not " + scope);
            }
            scopes.put((String) operation.get("operationId"), s);
        }));
        return Map.copyOf(scopes);
    }
}
