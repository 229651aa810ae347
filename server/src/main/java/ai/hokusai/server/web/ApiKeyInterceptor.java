package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.AuthenticationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} call by {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 * Runs after routing, so an unknown route is a 404 and a wrong method a 405 whatever the key.
 */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    static final String PRINCIPAL = ApiKeyPrincipal.class.getName();

    private final ApiKeyService keys;

    public ApiKeyInterceptor(ApiKeyService keys) {
        this.keys = keys;
    }

    /** The caller of an authenticated request. */
    public static ApiKeyPrincipal principal(HttpServletRequest request) {
        return (ApiKeyPrincipal) request.getAttribute(PRINCIPAL);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true; // no API operation matched: the resource handler answers 404 route_not_found
        }
        String key = presentedKey(request);
        if (key == null) {
            throw AuthenticationException.missing();
        }
        request.setAttribute(PRINCIPAL, keys.authenticate(key));
        return true;
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        if (authorization != null && !authorization.isBlank()) {
            // Another scheme (e.g. Basic) is a wrong key, not a missing one.
            throw AuthenticationException.invalid();
        }
        String apiKey = request.getHeader("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }
}
