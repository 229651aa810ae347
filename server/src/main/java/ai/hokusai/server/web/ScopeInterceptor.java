package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.InsufficientScopeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a call whose key lacks the operation's {@code x-required-scope} (403 naming the scope). Handler methods
 * are named after their operationId by the generator, which is how an operation is found. An operation the spec
 * does not know is refused as if it needed {@code admin}: fail closed.
 */
@Component
public class ScopeInterceptor implements HandlerInterceptor {

    private final RequiredScopes scopes;

    public ScopeInterceptor(RequiredScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ApiKeyPrincipal caller = ApiKeyFilter.principal(request);
        if (!(handler instanceof HandlerMethod method) || caller == null) {
            return true;
        }
        String needed = scopes.of(method.getMethod().getName()).orElse(ApiKeyService.SCOPE_ADMIN);
        if (!caller.hasScope(needed)) {
            throw new InsufficientScopeException(needed, caller.scopes());
        }
        return true;
    }
}
