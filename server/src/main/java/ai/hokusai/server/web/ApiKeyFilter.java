package ai.hokusai.server.web;

import ai.hokusai.server.config.RequestStages;
import ai.hokusai.server.config.RequestStages.Stage;
import ai.hokusai.server.security.ApiKeyPrincipal;
import ai.hokusai.server.security.ApiKeyService;
import ai.hokusai.server.security.AuthenticationException;
import ai.hokusai.server.security.Caller;
import ai.hokusai.server.security.RateLimitProperties;
import ai.hokusai.server.security.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The first judge of every {@code /api/**} and {@code /v2/models/**} request, before routing, content negotiation or
 * any body is read:
 * <ol>
 * <li>exactly one credential, {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} (two different ones,
 * or a repeated header, are refused as ambiguous), which must be a valid key — else 401, and the connection is
 * closed when a body was announced, so an unauthenticated upload holds nothing;</li>
 * <li>the key's quota: every request a key makes counts and every answer to it — 404, 405, 415 included —
 * carries {@code RateLimit-Policy} and {@code RateLimit}; over the limit, 429 with {@code Retry-After}.</li>
 * </ol>
 * The scope check needs the matched operation and stays in {@link ScopeInterceptor}.
 */
@Component
@Order(WebConfiguration.AUTHENTICATION)
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String RATE_LIMIT_HEADER = "RateLimit";
    static final String PRINCIPAL = ApiKeyPrincipal.class.getName();
    /** The Open Inference Protocol's keyed routes, judged as {@code /api/**} ones are. */
    static final String PROTOCOL_MODELS = "/v2/models/";

    private final ApiKeyService keys;
    private final RateLimiter limiter;
    private final boolean limitsEnabled;
    private final HandlerExceptionResolver problems;
    private final Counter rejections;
    private final RequestStages stages;

    public ApiKeyFilter(
            ApiKeyService keys,
            RateLimiter limiter,
            RateLimitProperties limits,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            MeterRegistry metrics,
            RequestStages stages) {
        this.stages = stages;
        this.keys = keys;
        this.limiter = limiter;
        this.limitsEnabled = limits.enabled();
        this.problems = problems;
        this.rejections = Counter.builder("hokusai.rate_limit.rejections")
                .description("Calls refused with 429 because their key was over a quota")
                .register(metrics);
    }

    /** The caller of an authenticated request. */
    public static ApiKeyPrincipal principal(HttpServletRequest request) {
        return (ApiKeyPrincipal) request.getAttribute(PRINCIPAL);
    }

    /** The caller of an authenticated request as the use cases take it: its key and the request's id. */
    public static Caller caller(HttpServletRequest request) {
        return new Caller(principal(request), RequestLog.idOf(request));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith(PROTOCOL_MODELS));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            ApiKeyPrincipal caller = stages.observe(Stage.AUTHENTICATE, () -> keys.authenticate(presentedKey(request)));
            request.setAttribute(PRINCIPAL, caller);
            if (limitsEnabled) {
                RateLimiter.Decision decision = stages.observe(Stage.RATE_LIMIT, () -> limiter.check(caller));
                response.setHeader(POLICY_HEADER, policy(decision));
                response.setHeader(RATE_LIMIT_HEADER, rateLimit(decision.closest()));
                if (!decision.allowed()) {
                    rejections.increment();
                    throw decision.refusal();
                }
            }
        } catch (RuntimeException e) {
            // An invalid key, a spent quota, or the database down while the key is checked (503, not 500).
            refuse(problems, e, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Answers a request refused before its body was read; if it announced one, its connection is closed undrained. */
    static void refuse(
            HandlerExceptionResolver problems, Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        problems.resolveException(request, response, null, e);
    }

    /** The one credential the request carries; two, or a header sent twice, are ambiguous and refused. */
    private static String presentedKey(HttpServletRequest request) {
        List<String> authorization = values(request, "Authorization");
        List<String> apiKey = values(request, "X-API-Key");
        if (authorization.size() > 1 || apiKey.size() > 1 || !authorization.isEmpty() && !apiKey.isEmpty()) {
            throw AuthenticationException.ambiguous();
        }
        if (!authorization.isEmpty()) {
            String value = authorization.get(0).strip();
            if (value.equalsIgnoreCase("Bearer")) {
                throw AuthenticationException.missing();
            }
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                // Another scheme (e.g. Basic) is a wrong key, not a missing one.
                throw AuthenticationException.invalid();
            }
            return value.substring(7).strip();
        }
        if (!apiKey.isEmpty()) {
            return apiKey.get(0).strip();
        }
        throw AuthenticationException.missing();
    }

    /** Every non-blank value of a header, however many times it was sent. */
    private static List<String> values(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name)).stream()
                .filter(v -> !v.isBlank())
                .toList();
    }

    /** {@code "minute";q=60;w=60, "hour";q=1000;w=3600}: every quota of the key. */
    static String policy(RateLimiter.Decision decision) {
        return decision.windows().stream()
                .map(w -> "\"" + w.window().label() + "\";q=" + w.quota() + ";w="
                        + w.window().length().toSeconds())
                .collect(Collectors.joining(", "));
    }

    /** {@code "minute";r=59;t=12}: the quota closest to running out, what is left of it and when it resets. */
    static String rateLimit(RateLimiter.WindowState closest) {
        return "\"" + closest.window().label() + "\";r=" + closest.remaining() + ";t=" + closest.secondsToReset();
    }
}
