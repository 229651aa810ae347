package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.HokusaiServerApplication;
import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.config.ApiSpecDocument;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The route guard can fail: the old service's second router — a hand-written handler on a look-alike path — is
 * added to the real server here, and the guard's comparison names it, and shows it stealing the predict URL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {HokusaiServerApplication.class, RouteGuardRejectsDriftIT.LookAlikeRouter.class})
class RouteGuardRejectsDriftIT {

    private static final Path DATA_DIR = ServerIntegrationTest.newDataDir();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("hokusai.data-dir", DATA_DIR::toString);
    }

    /** The shape of the old bug: a GET on a template that one URL shares with the spec's POST predict. */
    @RestController
    static class LookAlikeRouter {
        @GetMapping("/api/v1/models/{deployedModelId}/predict")
        ResponseEntity<String> predictStatus(@PathVariable String deployedModelId) {
            return ResponseEntity.ok(deployedModelId);
        }
    }

    @Autowired
    RequestMappingHandlerMapping requestMappings;

    @Autowired
    DispatcherServlet dispatcher;

    @Autowired
    ApiSpecDocument spec;

    @Test
    void theGuardNamesTheHandlerTheSpecDoesNotDescribe() {
        Set<String> undocumented = new TreeSet<>(LiveRoutes.served(requestMappings));
        undocumented.removeAll(LiveRoutes.specOperations(spec).keySet());

        assertThat(undocumented).containsExactly("GET /api/v1/models/{deployedModelId}/predict");
    }

    @Test
    void theOwnerCheckSeesTheLookAlikeTakeTheUrl() throws Exception {
        Object owner = LiveRoutes.ownerOf(dispatcher, "GET", "/api/v1/models/21/predict");

        assertThat(owner)
                .isInstanceOfSatisfying(
                        HandlerMethod.class, h -> assertThat(h.getBeanType()).isEqualTo(LookAlikeRouter.class));
    }
}
