package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.ModelRecord;
import ai.hokusai.testsupport.ExampleInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry's read operations over HTTP, against the seeded model 21 and a few registered for paging. */
class ModelsIT extends ServerIntegrationTest {

    private static final UUID BROKEN_DEPLOYMENT = UUID.fromString("0d4c7a52-5e0c-4f7e-9d8a-8b1f5c2e9a01");

    @Autowired
    ModelMapper models;

    @Autowired
    DeploymentMapper deployments;

    @Autowired
    JsonMapper json;

    /** Models 901–903 for paging; 903 has an active deployment whose artifact does not exist. Idempotent. */
    @BeforeEach
    void registerModels() {
        for (int id = 901; id <= 903; id++) {
            models.insertIfAbsent(new ModelRecord(
                    id,
                    "paging-model-" + id,
                    "Paging model " + id,
                    null,
                    "Registered by a test.",
                    List.of("Test"),
                    "tabular-classification",
                    10,
                    60,
                    "{\"type\": \"object\"}",
                    null));
        }
        deployments.insertIfAbsent(new DeploymentRecord(
                BROKEN_DEPLOYMENT,
                903,
                "0.0.1",
                "filesystem",
                "/nonexistent/artifact",
                "lscor-logistic",
                "active",
                null));
    }

    @Test
    void modelsArePagedByCursorInModelNumberOrder() {
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http().get("/api/v1/models?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("data").forEach(m -> seen.add(m.get("id").asInt()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asString() : null;
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).startsWith(21).contains(901, 902, 903).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void responsesWithDeprecatedFieldsSayWhenTheyGoAndWhereToMigrate() {
        for (String path : List.of(
                "/api/v1/models/21/info",
                "/api/v1/models/21/deployments",
                "/api/v1/deployments/" + IncidentIT.DEPLOYMENT_21)) {
            TestHttp.Response response = http().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Deprecation")).as(path).matches("@\\d+");
            assertThat(response.header("Sunset")).as(path).endsWith(" GMT");
            assertThat(response.header("Link"))
                    .as(path)
                    .contains("rel=\"deprecation\"", "/docs/changelog.html#deprecated-fields");
        }
        TestHttp.Response model = http().get("/api/v1/models/21");
        assertThat(model.header("Deprecation"))
                .as("a response without deprecated fields")
                .isNull();
    }

    @Test
    void infoNamesTheModelAsTheRegistryDoesAndKeepsTheDeprecatedNames() {
        JsonNode info = http().get("/api/v1/models/21/info").json();
        assertThat(info.get("id").asInt())
                .isEqualTo(21)
                .isEqualTo(info.get("model_id").asInt());
        assertThat(info.get("task").asString())
                .isEqualTo("tabular-classification")
                .isEqualTo(info.get("model_type").asString());
        assertThat(info.get("artifact").has("location"))
                .as("the artifact summary names no internal location")
                .isFalse();
        assertThat(info.get("artifact").get("provider").asString())
                .isEqualTo(info.get("storage").get("provider").asString());
    }

    @Test
    void model21IsDescribedWithItsInputSchemaAndLiveDeployment() {
        JsonNode model = http().get("/api/v1/models/21").json();
        assertThat(model.get("slug").asString()).isEqualTo("lscor-v2");
        assertThat(model.get("ticker").asString()).isEqualTo("LSCOR");
        assertThat(model.get("max_batch_size").asInt()).isEqualTo(100);
        assertThat(model.get("active_deployment_id").asString()).isEqualTo(IncidentIT.DEPLOYMENT_21);
        assertThat(model.get("input_schema").get("required").size()).isEqualTo(10);
    }

    /** A model's schemas are written once and copied into every answer, exactly as they were registered. */
    @Test
    void schemasAreCopiedIntoAnswersAsRegistered() {
        assertThat(json.writeValueAsString(
                        Map.of("schema", new RenderedJson(Map.of("type", "object"), "{\"type\":\"rendered\"}"))))
                .as("the application's mapper copies the rendered text")
                .isEqualTo("{\"schema\":{\"type\":\"rendered\"}}");

        JsonNode first = http().get("/api/v1/models/21").json();
        JsonNode again = http().get("/api/v1/models/21").json();
        ModelRecord stored = models.findById(21).orElseThrow();
        assertThat(first.get("input_schema"))
                .isEqualTo(json.readTree(stored.inputSchemaJson()))
                .isEqualTo(again.get("input_schema"));
        assertThat(first.get("output_schema")).isEqualTo(json.readTree(stored.outputSchemaJson()));
    }

    @Test
    void infoGivesTheServingFacts() {
        JsonNode info = http().get("/api/v1/models/lscor-v2/info").json();
        assertThat(info.get("model_id").asInt()).isEqualTo(21);
        assertThat(info.get("available").asBoolean()).isTrue();
        assertThat(info.get("max_batch_size").asInt()).isEqualTo(100);
        assertThat(info.get("cache_ttl_seconds").asInt()).isEqualTo(3600);
        assertThat(info.get("storage").get("provider").asString()).isEqualTo("bundled");
        assertThat(info.get("model_version").asString()).isEqualTo("2.0.0");
    }

    @Test
    void warmupLoadsTheModelAndHealthThenReportsItCached() {
        JsonNode warm = http().get("/api/v1/models/21/health?warmup=true").json();
        assertThat(warm.get("status").asString()).isEqualTo("ready");
        assertThat(warm.get("is_cached").asBoolean()).isTrue();
        assertThat(warm.get("inference_ready").asBoolean()).isTrue();
        assertThat(warm.get("loaded_at").asString()).isNotBlank();

        JsonNode again = http().get("/api/v1/models/21/health").json();
        assertThat(again.get("loaded_at")).isEqualTo(warm.get("loaded_at"));
    }

    @Test
    void aModelWhoseArtifactCannotLoadIsReportedUnavailableAndPredictAnswers503() {
        TestHttp.Response health = http().get("/api/v1/models/903/health?warmup=true");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("code").asString()).isEqualTo("model_unavailable");
        assertThat(health.header("Retry-After")).isNotBlank();

        TestHttp.Response predict = http().postJson("/api/v1/models/903/predict", "{\"inputs\": {}}");
        assertThat(predict.status()).isEqualTo(503);
        assertThat(predict.json().get("code").asString()).isEqualTo("model_unavailable");
        assertThat(predict.header("Retry-After")).isNotBlank();
        assertThat(predict.body()).doesNotContain("/nonexistent");
    }

    @Test
    void aModelWithoutAnActiveDeploymentIsNotAvailable() {
        JsonNode info = http().get("/api/v1/models/901/info").json();
        assertThat(info.get("available").asBoolean()).isFalse();
        TestHttp.Response health = http().get("/api/v1/models/901/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("code").asString()).isEqualTo("model_unavailable");
        assertThat(health.header("Retry-After")).isNotBlank();
    }

    @Test
    void deploymentsAreListedPerModelAndFetchedByUuid() {
        JsonNode list = http().get("/api/v1/models/21/deployments").json();
        assertThat(list.get("data").size()).isEqualTo(1);
        assertThat(list.get("data").get(0).get("status").asString()).isEqualTo("active");

        JsonNode deployment =
                http().get("/api/v1/deployments/" + IncidentIT.DEPLOYMENT_21).json();
        assertThat(deployment.get("model_id").asInt()).isEqualTo(21);
        assertThat(deployment.get("runtime").asString()).isEqualTo("lscor-logistic");
        assertThat(deployment.get("version").asString()).isEqualTo("2.0.0");
    }

    @Test
    void aBatchGetsAnArrayOfPredictionsInInputOrder() {
        Map<String, Object> weak = ExampleInputs.lead();
        weak.put("title", "Intern");
        weak.put("demo_requested", false);
        weak.put("engagement_score", 5);
        String request = ExampleInputs.json(Map.of("inputs", List.of(ExampleInputs.lead(), weak)));
        JsonNode body = http().postJson("/api/v1/models/21/predict", request).json();

        assertThat(body.get("predictions").isArray()).isTrue();
        assertThat(body.get("predictions").size()).isEqualTo(2);
        assertThat(body.get("metadata").get("batch_size").asInt()).isEqualTo(2);
        assertThat(body.get("predictions").get(0).get("lead_score").asInt())
                .isGreaterThan(body.get("predictions").get(1).get("lead_score").asInt());
    }
}
