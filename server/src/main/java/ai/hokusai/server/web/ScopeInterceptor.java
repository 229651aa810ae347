package ai.hokusai.server.web;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.InsufficientScopeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a call whose key lacks the operation's {@code x-required-scope} (403 naming the scope). The scope each
 * operation needs is read once from the spec, so the reference and the server cannot disagree; start-up fails when an
 * operation that needs a key names no known scope. Handler methods are named after their operationId by the
 * generator, which is how an operation is found. An operation the spec does not know is refused as if it needed
 * {@code admin}: fail closed.
 */
@Component
public class ScopeInterceptor implements HandlerInterceptor {

    public static final String EXTENSION = "x-required-scope";

    private final Map<String, String> byOperationId;

    public ScopeInterceptor(ApiSpecDocument spec) {
        this.byOperationId = read(spec.root());
    }

    /** The scope an operation needs; empty for operations that need no key. */
    public Optional<String> of(String operationId) {
        return Optional.ofNullable(byOperationId.get(operationId));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        if (!(handler instanceof HandlerMethod method) || caller == null) {
            return true;
        }
        String needed = of(method.getMethod().getName()).orElse(ApiKeyService.SCOPE_ADMIN);
        if (!caller.hasScope(needed)) {
            throw new InsufficientScopeException(needed, caller.scopes());
        }
        return true;
    }

    static Map<String, String> read(Map<String, Object> root) {
        Map<String, String> scopes = new HashMap<>();
        for (ApiSpecDocument.Operation operation : ApiSpecDocument.operations(root)) {
            String route = operation.method().toUpperCase(Locale.ROOT) + " " + operation.path();
            Object scope = operation.fields().get(EXTENSION);
            if (List.of().equals(operation.fields().get("security"))) {
                if (scope != null) {
                    throw new IllegalStateException(route + " needs no key but names a scope");
                }
            } else if (scope instanceof String s && ApiKeyService.ALL_SCOPES.contains(s)) {
                scopes.put((String) operation.fields().get("operationId"), s);
            } else {
                throw new IllegalStateException(route + " must name one of " + ApiKeyService.ALL_SCOPES + " in "
                        + EXTENSION + ", not " + scope);
            }
        }
        return Map.copyOf(scopes);
    }
}
