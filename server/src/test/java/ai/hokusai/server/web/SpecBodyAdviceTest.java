package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.config.HokusaiProperties;
import ai.hokusai.server.service.RequestBodyValidator;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.RequestBody;

/** Every request body of the generated interfaces is held to its operation's schema in the spec before it is bound. */
class SpecBodyAdviceTest {

    private final SpecBodyAdvice advice = new SpecBodyAdvice(
            new RequestBodyValidator(new ApiSpecDocument()),
            new HokusaiProperties(
                    Path.of("data"), null, null, 1_048_576, Duration.ofSeconds(30), Duration.ofSeconds(30)));

    @Test
    void everyRequestBodyIsCheckedAgainstTheSpec() throws Exception {
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
                    assertThat(advice.supports(
                                    parameter, parameter.getParameterType(), JacksonJsonHttpMessageConverter.class))
                            .as("%s checked against the spec", method)
                            .isTrue();
                }
            }
        }
        assertThat(bodies).isGreaterThanOrEqualTo(5);
    }
}
