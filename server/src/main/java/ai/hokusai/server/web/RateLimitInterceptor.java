package ai.hokusai.server.web;

import java.util.stream.Collectors;

import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.RateLimitProperties;
import ai.hokusai.server.security.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final Counter rejections;

    public RateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties, MeterRegistry metrics) {
        this.limiter = limiter;
        this.enabled = properties.enabled();
        this.rejections = Counter.builder("hokusai.rate_limit.rejections")
                .description("Calls refused with 429 because their key was over a quota").register(metrics);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ApiKeyPrincipal caller = ApiKeyInterceptor.principal(request);
        if (!enabled || caller == null) {
            return true;
        }
        RateLimiter.Decision decision = limiter.check(caller);
        response.setHeader(POLICY_HEADER, policy(decision));
        response.setHeader(RATE_LIMIT_HEADER, rateLimit(decision.closest()));
        if (!decision.allowed()) {
            rejections.increment();
            throw decision.refusal();
        }
        return true;
    }

    /** {@code "minute";q=60;w=60, "hour";q=1000;w=3600}: every quota of the key. */
    static String policy(RateLimiter.Decision decision) {
        return decision.windows().stream()
                .map(w -> "\"" + w.window().label() + "\";q=" + w.quota() + ";w=" + w.window().length().toSeconds())
                .collect(Collectors.joining(", "));
    }

    /** {@code "minute";r=59;t=12}: the quota closest to running out, what is left of it and when it resets. */
    static String rateLimit(RateLimiter.WindowState closest) {
        return "\"" + closest.window().label() + "\";r=" + closest.remaining() + ";t=" + closest.secondsToReset();
    }
}
