package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.config.ApiSpecDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The drift guard between the spec and the live server: the routes Spring serves are exactly the spec's operations,
 * and the handler that owns each operation's URL is the one generated for that operation — so no second router
 * can quietly take a look-alike path again.
 */
class RouteGuardIT extends ServerIntegrationTest {

    @Autowired
    RequestMappingHandlerMapping requestMappings;

    @Autowired
    DispatcherServlet dispatcher;

    @Autowired
    ApiSpecDocument spec;

    @Test
    void liveHandlerMappingsEqualTheSpecsOperationsInBothDirections() {
        Set<String> live = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : requestMappings.getHandlerMethods().entrySet()) {
            if (entry.getValue().getBeanType() == ProblemErrorController.class) {
                continue; // the servlet container's error page, not an API route
            }
            RequestMappingInfo info = entry.getKey();
            assertThat(info.getMethodsCondition().getMethods())
                    .as("%s must name its HTTP method; a mapping for every method hides 405s", info)
                    .isNotEmpty();
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> live.add(m.name() + " " + path));
            }
        }
        assertThat(live).containsExactlyInAnyOrderElementsOf(specOperations().keySet());
    }

    @Test
    void everySpecOperationsUrlIsOwnedByTheHandlerGeneratedForThatOperation() throws Exception {
        List<String> wrongOwners = new ArrayList<>();
        for (Map.Entry<String, String> operation : specOperations().entrySet()) {
            String[] methodAndPath = operation.getKey().split(" ", 2);
            String url = methodAndPath[1]
                    .replace("{modelRef}", "21")
                    .replace("{deploymentId}", "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21");
            Object owner = ownerOf(methodAndPath[0], url);
            if (!(owner instanceof HandlerMethod handler) || !handler.getMethod().getName().equals(operation.getValue())) {
                wrongOwners.add(operation.getKey() + " -> " + owner);
            }
        }
        assertThat(wrongOwners).isEmpty();
    }

    @Test
    void theModelRefRouteAnswersAllThreeFormsWithOneHandler() throws Exception {
        for (String ref : List.of("21", "lscor-v2", "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21")) {
            Object owner = ownerOf("POST", "/api/v1/models/" + ref + "/predict");
            assertThat(owner).isInstanceOfSatisfying(HandlerMethod.class,
                    h -> assertThat(h.getMethod().getName()).isEqualTo("predict"));
        }
    }

    /** What the dispatcher itself would pick: the first handler mapping, in order, that has a handler. */
    private Object ownerOf(String method, String url) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, url);
        request.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(request);
        for (HandlerMapping mapping : dispatcher.getHandlerMappings()) {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain != null) {
                return chain.getHandler();
            }
        }
        return null;
    }

    /** "METHOD /path" → operationId, straight from the spec. */
    @SuppressWarnings("unchecked")
    private Map<String, String> specOperations() {
        Map<String, String> operations = new java.util.TreeMap<>();
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.put(method.toUpperCase() + " " + path,
                        (String) ((Map<String, Object>) operation).get("operationId"));
            }
        }));
        return operations;
    }
}
