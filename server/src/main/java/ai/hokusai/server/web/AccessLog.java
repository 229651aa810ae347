package ai.hokusai.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One line per request on the {@code ai.hokusai.access} logger: the operation (the spec's operationId, which names
 * the handler method), the model reference, the route template, the status and the latency — with the request id
 * from the MDC. Never a key, a header, a query string or a body.
 */
@Component
public class AccessLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("ai.hokusai.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            write(request, response, started);
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String operation = operation(request);
        String route = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        String model = model(request);
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        // Rounded arithmetically: String.format would parse its pattern on every request.
        log.atInfo()
                .addKeyValue("operation", operation)
                .addKeyValue("model", model)
                .addKeyValue("http_method", request.getMethod())
                .addKeyValue("route", route)
                .addKeyValue("status", response.getStatus())
                .addKeyValue("latency_ms", Math.round(latencyMs * 100) / 100.0)
                .log(
                        "{} {} {} {} {} ms",
                        request.getMethod(),
                        route,
                        operation,
                        response.getStatus(),
                        Math.round(latencyMs * 10) / 10.0);
    }

    private static String operation(HttpServletRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        return handler instanceof HandlerMethod method ? method.getMethod().getName() : "none";
    }

    private static String model(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get("modelRef") instanceof String ref) {
            return ref;
        }
        return "none";
    }
}
