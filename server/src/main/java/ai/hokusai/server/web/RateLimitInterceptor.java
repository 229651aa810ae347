package ai.hokusai.server.web;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.RateLimitProperties;
import ai.hokusai.server.security.RateLimitedException;
import ai.hokusai.server.security.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Takes every keyed request from its key's quota and describes the quota on the response ({@code RateLimit-Policy},
 * {@code RateLimit}), whatever the answer turns out to be; over the limit, 429 with {@code Retry-After}. Runs after
 * authentication and before the scope check, so every request a key makes counts.
 */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String RATE_LIMIT_HEADER = "RateLimit";

    private final RateLimiter limiter;
    private final boolean enabled;

    public RateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.enabled = properties.enabled();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ApiKeyPrincipal caller = ApiKeyInterceptor.principal(request);
        if (!enabled || caller == null) {
            return true;
        }
        RateLimiter.Decision decision = limiter.check(caller);
        response.setHeader(POLICY_HEADER, decision.policyHeader());
        response.setHeader(RATE_LIMIT_HEADER, decision.rateLimitHeader());
        if (!decision.allowed()) {
            long quota = "minute".equals(decision.exhaustedWindow()) ? caller.rateLimitPerMinute()
                    : caller.rateLimitPerHour();
            throw new RateLimitedException("The key is over its limit of " + quota + " requests per "
                    + decision.exhaustedWindow() + ". Retry in " + decision.retryAfterSeconds() + " seconds.",
                    decision.retryAfterSeconds());
        }
        return true;
    }
}
