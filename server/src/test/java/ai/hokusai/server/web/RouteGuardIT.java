package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.config.ApiSpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
        assertThat(LiveRoutes.served(requestMappings))
                .containsExactlyInAnyOrderElementsOf(
                        LiveRoutes.specOperations(spec).keySet());
    }

    @Test
    void everySpecOperationsUrlIsOwnedByTheHandlerGeneratedForThatOperation() throws Exception {
        List<String> wrongOwners = new ArrayList<>();
        for (Map.Entry<String, String> operation :
                LiveRoutes.specOperations(spec).entrySet()) {
            String[] methodAndPath = operation.getKey().split(" ", 2);
            String url = methodAndPath[1]
                    .replace("{modelRef}", "21")
                    .replace("{deploymentId}", "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21");
            Object owner = LiveRoutes.ownerOf(dispatcher, methodAndPath[0], url);
            if (!(owner instanceof HandlerMethod handler)
                    || !handler.getMethod().getName().equals(operation.getValue())) {
                wrongOwners.add(operation.getKey() + " -> " + owner);
            }
        }
        assertThat(wrongOwners).isEmpty();
    }

    @Test
    void theModelRefRouteAnswersAllThreeFormsWithOneHandler() throws Exception {
        for (String ref : List.of("21", "lscor-v2", "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21")) {
            Object owner = LiveRoutes.ownerOf(dispatcher, "POST", "/api/v1/models/" + ref + "/predict");
            assertThat(owner)
                    .isInstanceOfSatisfying(
                            HandlerMethod.class,
                            h -> assertThat(h.getMethod().getName()).isEqualTo("predict"));
        }
    }
}
