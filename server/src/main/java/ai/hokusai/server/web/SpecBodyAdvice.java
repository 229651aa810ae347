package ai.hokusai.server.web;

import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.error.ErrorCode;
import ai.hokusai.server.service.RequestBodyValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every JSON request body meets its operation's schema in the spec before Jackson binds it (binding alone would
 * coerce {@code "5"} to 5, truncate 1.5 and take the last of two equal keys). The generated interfaces name each
 * method after its {@code operationId}, which is how the operation's schema is found. The bytes checked are then bound
 * by Spring's own converter. Here is also the one limit on a body's size ({@code hokusai.max-request-bytes}), declared
 * or streamed: only the bodies read here are read at all, and after a 413 Tomcat closes the connection undrained.
 */
@ControllerAdvice
public class SpecBodyAdvice extends RequestBodyAdviceAdapter {

    private final RequestBodyValidator validator;
    private final int maxBytes;

    public SpecBodyAdvice(RequestBodyValidator validator, HokusaiProperties properties) {
        this.validator = validator;
        this.maxBytes = Math.toIntExact(properties.maxRequestBytes());
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.hasParameterAnnotation(RequestBody.class)
                && validator.hasBody(parameter.getMethod().getName());
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage message,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = null;
        if (message.getHeaders().getContentLength() <= maxBytes) {
            try (InputStream in = message.getBody()) {
                // One byte past the limit is enough to know the body is too large.
                body = in.readNBytes(maxBytes + 1);
            }
        }
        if (body == null || body.length > maxBytes) {
            throw new ProblemAdvice.Refusal(
                    ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
        }
        validator.check(parameter.getMethod().getName(), body);
        return new Checked(message.getHeaders(), new ByteArrayInputStream(body));
    }

    /** The body as checked, for Spring's converter to bind (it reads it once). */
    private record Checked(HttpHeaders getHeaders, InputStream getBody) implements HttpInputMessage {}
}
