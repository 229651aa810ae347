package ai.hokusai.server.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One line per request on the {@code ai.hokusai.access} logger: the operation (the spec's operationId, which names
 * the handler method), the model reference, the route template, the status and the latency — with the request id
 * from the MDC. Never a key, a header, a query string or a body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("ai.hokusai.access");

    /**
     * A request whose body is still arriving goes asynchronous ({@link BodyBuffering}) and is handled in a later
     * dispatch; its line is written when it completes, so it carries the operation and status that were answered.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean async = false;
        try {
            chain.doFilter(request, response);
            async = request.isAsyncStarted();
        } finally {
            if (async) {
                request.getAsyncContext().addListener(new WhenComplete(request, response, started));
            } else {
                write(request, response, started);
            }
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
        log.atInfo().addKeyValue("operation", operation).addKeyValue("model", model)
                .addKeyValue("http_method", request.getMethod()).addKeyValue("route", route)
                .addKeyValue("status", response.getStatus())
                .addKeyValue("latency_ms", Math.round(latencyMs * 100) / 100.0)
                .log("{} {} {} {} {} ms", request.getMethod(), route, operation, response.getStatus(),
                        Math.round(latencyMs * 10) / 10.0);
    }

    /** Writes the line of an asynchronous request once its answer is complete. */
    private record WhenComplete(HttpServletRequest request, HttpServletResponse response, long started)
            implements AsyncListener {

        /** Runs outside the request's filters, so the request id is put back on the line here. */
        @Override
        public void onComplete(AsyncEvent event) {
            MDC.put(RequestIds.MDC_KEY, RequestIds.of(request));
            try {
                write(request, response, started);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
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
