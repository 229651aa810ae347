package ai.hokusai.server.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.service.RequestBodyValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every JSON request body meets its operation's schema in the spec before Jackson binds it (binding alone would
 * coerce {@code "5"} to 5, truncate 1.5 and take the last of two equal keys). The generated interfaces name each
 * method after its {@code operationId}, which is how the operation's schema is found. The body is read once, here:
 * {@link ReadBodyJsonConverter} binds the value read, and the predict use case checks a model's input on it.
 */
@ControllerAdvice
public class SpecBodyAdvice extends RequestBodyAdviceAdapter {

    private static final String VALUE = SpecBodyAdvice.class.getName() + ".value";

    private final RequestBodyValidator validator;
    private final long maxBytes;

    public SpecBodyAdvice(RequestBodyValidator validator, HokusaiProperties properties) {
        this.validator = validator;
        this.maxBytes = properties.maxRequestBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.hasParameterAnnotation(RequestBody.class)
                && validator.hasBody(parameter.getMethod().getName());
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = read(message);
        Object value = validator.check(parameter.getMethod().getName(), body);
        // Kept on the request itself: the message given here is a wrapper of it, not the servlet request.
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(VALUE, value, RequestAttributes.SCOPE_REQUEST);
        }
        return new ReadBody(message.getHeaders(), body, value);
    }

    /**
     * The body's bytes. {@link BodyBuffering} holds every body in memory by now, within {@code max-request-bytes}, and
     * its length is known: one array of that length is filled, where reading to the end would go through a 16 KB buffer
     * and a copy for every body, however small.
     */
    private byte[] read(HttpInputMessage message) throws IOException {
        long declared = message.getHeaders().getContentLength();
        try (InputStream in = message.getBody()) {
            if (declared < 0 || declared > maxBytes) {
                return in.readAllBytes();
            }
            byte[] body = new byte[(int) declared];
            int n = in.readNBytes(body, 0, body.length);
            int next = in.read();
            if (n == body.length && next < 0) {
                return body;
            }
            // Not the length declared: what was sent is what is checked.
            ByteArrayOutputStream all = new ByteArrayOutputStream(n + 1);
            all.write(body, 0, n);
            if (next >= 0) {
                all.write(next);
                in.transferTo(all);
            }
            return all.toByteArray();
        }
    }

    /**
     * The request's JSON body as plain Java values, as read and checked against the spec (objects keep what a later
     * schema check needs); {@code null} for a request without one.
     */
    static Object value(HttpServletRequest request) {
        return request.getAttribute(VALUE);
    }

    /** A body already read and checked: binding takes its value instead of reading the bytes again. */
    record ReadBody(HttpHeaders headers, byte[] bytes, Object value) implements HttpInputMessage {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
