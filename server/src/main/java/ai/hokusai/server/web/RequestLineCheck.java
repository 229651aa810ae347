package ai.hokusai.server.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import ai.hokusai.server.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses what the container lets through half-read (a query string that does not decode to UTF-8 text without NUL,
 * path parameters) as 400, and OPTIONS and TRACE on a route as 405 with the route's methods in {@code Allow}. Runs
 * after authentication, so a keyless call is a 401 whatever its URL. See docs/decisions/0002-request-line-check.md.
 */
@Component
@Order(WebConfiguration.REQUEST_LINE)
public class RequestLineCheck extends OncePerRequestFilter {

    private static final Set<String> NO_OPERATION_HAS = Set.of("OPTIONS", "TRACE");

    private final HandlerExceptionResolver problems;
    /** Looked up when first needed: the mapping is built after the filters. */
    private final ObjectProvider<RequestMappingHandlerMapping> routes;

    public RequestLineCheck(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> routes) {
        this.problems = problems;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Exception refused = null;
        String query = request.getQueryString();
        if (request.getRequestURI().indexOf(';') >= 0) {
            refused = new ProblemAdvice.Refusal(
                    ErrorCode.BAD_REQUEST, "Path segments take no parameters (';'): remove them from the URL.");
        } else if (query != null && !decodes(query)) {
            refused = new ProblemAdvice.Refusal(
                    ErrorCode.BAD_REQUEST,
                    "The query string does not decode: "
                            + "percent-encode it as UTF-8 (every '%' followed by two hex digits, no NUL).");
        } else if (NO_OPERATION_HAS.contains(request.getMethod())) {
            // The routes are the spec's operations (RouteGuardIT), so their methods are the ones the spec lists.
            PathContainer path = PathContainer.parsePath(
                    request.getRequestURI().substring(request.getContextPath().length()));
            Set<String> methods = routes.getObject().getHandlerMethods().keySet().stream()
                    .filter(route -> route.getPathPatternsCondition().getPatterns().stream()
                            .anyMatch(p -> p.matches(path)))
                    .flatMap(route -> route.getMethodsCondition().getMethods().stream())
                    .map(Enum::name)
                    .collect(Collectors.toSet());
            refused =
                    methods.isEmpty() ? null : new HttpRequestMethodNotSupportedException(request.getMethod(), methods);
        }
        if (refused != null) {
            ApiKeyFilter.refuse(problems, refused, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every name and value of the query string percent-decodes to UTF-8 text without a NUL. */
    static boolean decodes(String query) {
        try {
            for (String part : query.split("[&=]", -1)) {
                // Byte for byte (ISO-8859-1), then those bytes as strict UTF-8.
                byte[] bytes = URLDecoder.decode(part, ISO_8859_1).getBytes(ISO_8859_1);
                if (UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().indexOf('\0') >= 0) {
                    return false;
                }
            }
            return US_ASCII.newEncoder().canEncode(query);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return false;
        }
    }
}
