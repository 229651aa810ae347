package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.config.ApiSpecDocument;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /}: a small index that a caller without a key can follow to the docs, the contract and the probes. */
class RootIndexIT extends ServerIntegrationTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Autowired
    ApiSpecDocument spec;

    @Test
    void theRootAnswersTheIndexWithoutAKey() {
        TestHttp.Response response = http().withKey(null).get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        JsonNode index = response.json();
        assertThat(index.get("name").asString()).isEqualTo(spec.apiTitle());
        assertThat(index.get("version").asString()).isEqualTo(spec.apiVersion());
        assertThat(index.get("links").propertyNames())
                .containsExactlyInAnyOrder("api", "docs", "openapi", "liveness", "readiness");
    }

    @Test
    void everyLinkLeadsToWhatItNames() {
        JsonNode links = http().withKey(null).get("/").json().get("links");
        URI root = URI.create("http://localhost:" + port + "/");

        for (String name : List.of("docs", "openapi", "liveness")) {
            String path = root.resolve(links.get(name).asString()).getRawPath();
            assertThat(http().withKey(null).get(path).status())
                    .as(name + " " + path)
                    .isEqualTo(200);
        }
        // Readiness answers the shared test server's state, which other tests may have made DOWN (503): the link
        // leads to the probe when it answers a probe's status either way.
        TestHttp.Response readiness = http().withKey(null)
                .get(root.resolve(links.get("readiness").asString()).getRawPath());
        assertThat(readiness.status()).as("readiness").isIn(200, 503);
        assertThat(readiness.json().get("status").asString())
                .as("readiness " + readiness.body())
                .isIn("UP", "DOWN");
        assertThat(readiness.json().get("checks").isObject())
                .as("readiness " + readiness.body())
                .isTrue();
        assertThat(http().withKey(null).get(links.get("docs").asString()).body())
                .contains("<html");
        assertThat(http().withKey(null).get(links.get("openapi").asString()).body())
                .isEqualTo(spec.text());
        assertThat(http().get(links.get("api").asString() + "/models").status())
                .as("the API base, with a key")
                .isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKeyedPathOfTheSpecHangsOffTheApiBase() {
        Map<String, Object> paths = (Map<String, Object>) spec.root().get("paths");
        List<String> keyed = paths.entrySet().stream()
                .filter(path -> ((Map<String, Object>) path.getValue())
                        .entrySet().stream()
                                .filter(item -> METHODS.contains(item.getKey()))
                                .anyMatch(operation -> !List.of()
                                        .equals(((Map<String, Object>) operation.getValue()).get("security"))))
                .map(Map.Entry::getKey)
                .toList();

        // The Open Inference Protocol fixes its own paths, which its clients append to a server's root; OpenAI's
        // clients take a base URL of their own, /api/openai/v1.
        assertThat(keyed)
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path.startsWith(SystemController.API_BASE + "/")
                                || path.startsWith(ApiKeyFilter.PROTOCOL_MODELS)
                                || path.startsWith("/api/openai/v1/"))
                        .as(path)
                        .isTrue());
    }
}
