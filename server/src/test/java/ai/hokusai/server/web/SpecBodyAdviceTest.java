package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.service.RequestBodyValidator;
import ai.hokusai.server.web.api.PredictionsApi;
import ai.hokusai.server.web.model.PredictRequest;
import jakarta.validation.Valid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The body read and checked once is handed to the predict use case on the request itself, whatever message Spring
 * passes to the advice: Spring wraps the servlet request's message before body advice sees it.
 */
class SpecBodyAdviceTest {

    private final SpecBodyAdvice advice = new SpecBodyAdvice(new RequestBodyValidator(new ApiSpecDocument()),
            new HokusaiProperties(Path.of("data"), null, null, 1_048_576, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Duration.ofSeconds(20)));
    private final MethodParameter body = predictBody();

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theBodyReadReachesTheRequestThroughAWrappedMessage() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/models/21/predict");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        byte[] json = "{\"inputs\": {\"title\": \"CTO\"}, \"options\": {}}".getBytes(StandardCharsets.UTF_8);
        HttpInputMessage wrapped = message(json, -1);

        assertThat(advice.supports(body, PredictRequest.class, JacksonJsonHttpMessageConverter.class)).isTrue();
        HttpInputMessage read = advice.beforeBodyRead(wrapped, body, PredictRequest.class,
                JacksonJsonHttpMessageConverter.class);

        assertThat(SpecBodyAdvice.value(request)).isInstanceOf(Map.class)
                .isSameAs(((SpecBodyAdvice.ReadBody) read).value());
        assertThat(((Map<?, ?>) SpecBodyAdvice.value(request)).get("inputs")).isEqualTo(Map.of("title", "CTO"));
        assertThat(read.getBody().readAllBytes()).isEqualTo(json);
    }

    @Test
    void aBodyIsReadWhole_whateverLengthItDeclares() throws Exception {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        byte[] json = "{\"inputs\": {\"title\": \"CTO\"}}".getBytes(StandardCharsets.UTF_8);

        for (long declared : new long[] {json.length, json.length - 5, json.length + 5, 0, -1, 2_000_000}) {
            SpecBodyAdvice.ReadBody read = (SpecBodyAdvice.ReadBody) advice.beforeBodyRead(message(json, declared),
                    body, PredictRequest.class, JacksonJsonHttpMessageConverter.class);

            assertThat(read.bytes()).as("declared %d", declared).isEqualTo(json);
            assertThat(read.value()).as("declared %d", declared).isEqualTo(Map.of("inputs", Map.of("title", "CTO")));
        }
    }

    /**
     * Each body parameter of the generated interfaces is checked here, against the spec, and by nothing else: the
     * template leaves out {@code @Valid}, which would have bean validation walk the body again.
     */
    @Test
    void everyRequestBodyIsCheckedAgainstTheSpecAndNotValidatedAgain() throws Exception {
        int bodies = 0;
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:ai/hokusai/server/web/api/*Api.class")) {
            String name = "ai.hokusai.server.web.api." + resource.getFilename().replace(".class", "");
            for (Method method : Class.forName(name).getMethods()) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    MethodParameter parameter = new MethodParameter(method, i);
                    if (!parameter.hasParameterAnnotation(RequestBody.class)) {
                        continue;
                    }
                    bodies++;
                    assertThat(advice.supports(parameter, parameter.getParameterType(),
                            JacksonJsonHttpMessageConverter.class)).as("%s checked against the spec", method).isTrue();
                    assertThat(parameter.hasParameterAnnotation(Valid.class)).as("%s carries @Valid", method).isFalse();
                }
            }
        }
        assertThat(bodies).isGreaterThanOrEqualTo(5);
    }

    private static HttpInputMessage message(byte[] json, long declaredLength) {
        MockHttpInputMessage message = new MockHttpInputMessage(json);
        if (declaredLength >= 0) {
            message.getHeaders().setContentLength(declaredLength);
        }
        return message;
    }

    private static MethodParameter predictBody() {
        try {
            Method predict = PredictionsApi.class.getMethod("predict", String.class, PredictRequest.class,
                    String.class, String.class);
            return new MethodParameter(predict, 1);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
