package ai.hokusai.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Around every request: its id — the caller's {@code X-Request-Id} when it is well-formed, a new one otherwise —
 * echoed on the response and put on every log line of the request (MDC key {@code request_id}); and, once answered,
 * one line on the {@code ai.hokusai.access} logger: the operation (the spec's operationId, which names the handler
 * method), the model reference, the route template, the status and the latency. Never a key, a header, a query
 * string or a body.
 */
@Component
@Order(WebConfiguration.REQUEST_LOG)
public class RequestLog extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestLog.class.getName();
    /** The MDC key every log line of a request carries its id under. */
    static final String MDC_KEY = "request_id";

    private static final Logger access = LoggerFactory.getLogger("ai.hokusai.access");
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** The id of the request being served. */
    public static String idOf(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : "unknown";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        MDC.put(MDC_KEY, assign(request, response));
        try {
            chain.doFilter(request, response);
        } finally {
            if (access.isInfoEnabled()) {
                write(request, response, started);
            }
            MDC.remove(MDC_KEY);
        }
    }

    /** Gives the request its id and echoes it on the response. */
    static String assign(HttpServletRequest request, HttpServletResponse response) {
        String given = request.getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : newId();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }

    /** A fresh id, for a request that brought none (or a malformed one). */
    private static String newId() {
        // A correlation id, not a secret: drawn from the thread's own generator, since a shared SecureRandom is one
        // lock that every request queued on.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "req_" + new String(id);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, long started) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        String operation =
                handler instanceof HandlerMethod method ? method.getMethod().getName() : "none";
        String route = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String model = variables instanceof Map<?, ?> map && map.get("modelRef") instanceof String ref ? ref : "none";
        double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
        // Rounded arithmetically: String.format would parse its pattern on every request.
        access.atInfo()
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
}
