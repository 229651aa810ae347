package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Ruling out mappings by their path first changes nothing but the cost: for every request of a matrix (methods,
 * paths with and without variables, media types), the handler, the path variables and the error are those of Spring's
 * own mapping.
 */
class PathFirstMappingsTest {

    @RestController
    static class Routes {
        @PostMapping(path = "/api/v1/models/{modelRef}/predict", consumes = "application/json",
                produces = "application/json")
        String predict(@PathVariable String modelRef, @RequestBody String body) {
            return "";
        }

        @GetMapping(path = "/api/v1/models/{modelRef}", produces = "application/json")
        String model(@PathVariable String modelRef) {
            return "";
        }

        @DeleteMapping("/api/v1/models/{modelRef}")
        void delete(@PathVariable String modelRef) {
        }

        @GetMapping(path = "/api/v1/models", produces = "application/json")
        String models() {
            return "";
        }

        @PostMapping(path = "/api/v1/models/{modelRef}/deployments/{id}", consumes = "application/json")
        String deploy(@PathVariable String modelRef, @PathVariable String id) {
            return "";
        }

        @GetMapping("/health/live")
        String live() {
            return "";
        }
    }

    @Test
    void choosesWhatSpringsOwnMappingChooses() {
        RequestMappingHandlerMapping stock = init(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping pathFirst = init(new PathFirstMappings.Mapping());
        List<String> outcomes = new ArrayList<>();
        for (String method : List.of("GET", "POST", "DELETE", "PUT", "OPTIONS")) {
            for (String path : List.of("/api/v1/models/21/predict", "/api/v1/models/21", "/api/v1/models",
                    "/api/v1/models/21/deployments/7", "/api/v1/models/21/predict/extra", "/health/live",
                    "/api/v1/nothing", "/")) {
                for (String contentType : new String[] {null, "application/json", "text/plain"}) {
                    for (String accept : new String[] {null, "application/json", "text/html"}) {
                        String expected = outcome(stock, method, path, contentType, accept);
                        assertThat(outcome(pathFirst, method, path, contentType, accept))
                                .as("%s %s, Content-Type %s, Accept %s", method, path, contentType, accept)
                                .isEqualTo(expected);
                        outcomes.add(expected);
                    }
                }
            }
        }
        // The matrix reaches every kind of answer: a handler, no route, a method or a media type refused.
        assertThat(outcomes).anyMatch(o -> o.startsWith("predict {modelRef=21}"))
                .anyMatch(o -> o.startsWith("deploy {id=7, modelRef=21}"))
                .contains("none", "HttpRequestMethodNotSupportedException", "HttpMediaTypeNotSupportedException",
                        "HttpMediaTypeNotAcceptableException");
    }

    private static RequestMappingHandlerMapping init(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static String outcome(RequestMappingHandlerMapping mapping, String method, String path,
            String contentType, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) {
            request.setContentType(contentType);
            request.setContent("{}".getBytes());
        }
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        if ("OPTIONS".equals(method)) {
            request.addHeader("Origin", "https://example.com");
            request.addHeader("Access-Control-Request-Method", "POST");
        }
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            String handler = chain.getHandler() instanceof HandlerMethod m ? m.getMethod().getName()
                    : chain.getHandler().getClass().getSimpleName();
            Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return handler + " " + (variables instanceof Map<?, ?> map ? new TreeMap<>(map) : "-") + " "
                    + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
