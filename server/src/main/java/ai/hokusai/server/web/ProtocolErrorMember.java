package ai.hokusai.server.web;

import ai.hokusai.server.web.model.Problem;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * On the Open Inference Protocol's routes ({@code /v2/…}) a problem also carries the protocol's {@code error} member,
 * the detail again (RFC 9457 allows extension members), for clients written to that protocol. Every problem is written
 * by {@link ProblemAdvice} through Spring's converters, whichever layer refused the request, so every one passes here.
 */
@ControllerAdvice
public class ProtocolErrorMember implements ResponseBodyAdvice<Object> {

    static final String PROTOCOL_PATHS = "/v2/";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        // The servlet's own URI: a request the container refused may have none that java.net.URI can parse.
        if (body instanceof Problem problem
                && request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getRequestURI().startsWith(PROTOCOL_PATHS)) {
            problem.setError(problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
        }
        return body;
    }
}
