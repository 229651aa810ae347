package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.service.RequestBodyValidator;
import ai.hokusai.server.web.api.PredictionsApi;
import ai.hokusai.server.web.model.PredictRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The body read and checked once is handed to the predict use case on the request itself, whatever message Spring
 * passes to the advice: Spring wraps the servlet request's message before body advice sees it.
 */
class SpecBodyAdviceTest {

    private final SpecBodyAdvice advice = new SpecBodyAdvice(new RequestBodyValidator(new ApiSpecDocument()));

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theBodyReadReachesTheRequestThroughAWrappedMessage() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/models/21/predict");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        Method predict = PredictionsApi.class.getMethod("predict", String.class, PredictRequest.class, String.class,
                String.class);
        MethodParameter body = new MethodParameter(predict, 1);
        byte[] json = "{\"inputs\": {\"title\": \"CTO\"}, \"options\": {}}".getBytes(StandardCharsets.UTF_8);
        HttpInputMessage wrapped = new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(json);
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }
        };

        assertThat(advice.supports(body, PredictRequest.class, JacksonJsonHttpMessageConverter.class)).isTrue();
        HttpInputMessage read = advice.beforeBodyRead(wrapped, body, PredictRequest.class,
                JacksonJsonHttpMessageConverter.class);

        assertThat(SpecBodyAdvice.value(request)).isInstanceOf(Map.class)
                .isSameAs(((SpecBodyAdvice.ReadBody) read).value());
        assertThat(((Map<?, ?>) SpecBodyAdvice.value(request)).get("inputs")).isEqualTo(Map.of("title", "CTO"));
        assertThat(read.getBody().readAllBytes()).isEqualTo(json);
    }
}
