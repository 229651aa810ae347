package ai.hokusai.server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import ai.hokusai.server.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as 400 {@code bad_request}, what the container would otherwise let through half-read: a query string whose
 * percent-encoding or UTF-8 does not decode (or decodes to a NUL character), and matrix parameters ({@code ;x=1}),
 * which the container strips from a path segment silently; and answers OPTIONS and TRACE on a route of the spec as
 * the spec says of any method it does not list: 405 with {@code Allow}. Runs after authentication, so a keyless call
 * is a 401 whatever its URL.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
public class RequestLineCheck extends OncePerRequestFilter {

    /** Methods the container or Spring would answer on their own (200 with an Allow list, or a bare 405). */
    private static final java.util.Set<String> NO_OPERATION_HAS = java.util.Set.of("OPTIONS", "TRACE");

    private final ProblemWriter problems;
    private final SpecRoutes routes;

    public RequestLineCheck(ProblemWriter problems, SpecRoutes routes) {
        this.problems = problems;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            problems.write(ErrorCode.BAD_REQUEST, "Path segments take no parameters (';'): remove them from the URL.",
                    request, response, ProblemWriter.hasBody(request));
            return;
        }
        String query = request.getQueryString();
        if (query != null && !decodes(query)) {
            problems.write(ErrorCode.BAD_REQUEST, "The query string does not decode: percent-encode it as UTF-8 "
                    + "(every '%' followed by two hex digits, no NUL).", request, response,
                    ProblemWriter.hasBody(request));
            return;
        }
        if (NO_OPERATION_HAS.contains(request.getMethod())) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            var methods = routes.methodsOf(path);
            if (methods.isPresent()) {
                String allow = String.join(", ", methods.get());
                response.setHeader("Allow", allow);
                problems.write(ErrorCode.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on " + path
                        + ". Call it as: " + allow + ".", request, response, ProblemWriter.hasBody(request));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether every name and value of the query string percent-decodes to UTF-8 text without a NUL. */
    static boolean decodes(String query) {
        for (String part : query.split("[&=]", -1)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%') {
                    if (i + 2 >= part.length() || Character.digit(part.charAt(i + 1), 16) < 0
                            || Character.digit(part.charAt(i + 2), 16) < 0) {
                        return false;
                    }
                    bytes.write(Character.digit(part.charAt(i + 1), 16) * 16 + Character.digit(part.charAt(i + 2), 16));
                    i += 2;
                } else if (c > 0x7F) {
                    return false;
                } else {
                    bytes.write(c);
                }
            }
            byte[] decoded = bytes.toByteArray();
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
                if (text.indexOf('\0') >= 0) {
                    return false;
                }
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }
}
