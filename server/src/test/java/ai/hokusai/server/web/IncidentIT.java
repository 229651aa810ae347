package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.ServerIntegrationTest;
import ai.hokusai.server.TestHttp;
import ai.hokusai.testsupport.ExampleInputs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The incident the API was rebuilt for, replayed against the real server: a valid key calling
 * {@code POST /api/v1/models/21/predict} must get predictions, never a 405.
 */
class IncidentIT extends ServerIntegrationTest {

    static final String DEPLOYMENT_21 = "6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21";

    @Test
    void postPredictOnModel21WithAValidKeyAnswers200WithAScore() {
        TestHttp.Response response = http().postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("model_id").asInt()).isEqualTo(21);
        assertThat(body.get("deployment_id").asString()).isEqualTo(DEPLOYMENT_21);
        assertThat(body.get("model_version").asString()).isNotBlank();
        JsonNode prediction = body.get("predictions");
        assertThat(prediction.isObject()).isTrue();
        assertThat(prediction.get("lead_score").asInt()).isBetween(0, 100);
        assertThat(prediction.get("recommendation").asString()).isIn("Hot", "Warm", "Cold");
        assertThat(body.get("metadata").get("api_version").asString()).isEqualTo("1.0.0");
        assertThat(LeadScoreSchema.violations(prediction.toString()))
                .as("against the spec's LeadScore")
                .isEmpty();
        assertThat(body.get("timestamp").asString()).isNotBlank();
    }

    @Test
    void getOnThePredictRouteAnswers405WithAllowPostAndNamesTheRightCall() {
        TestHttp.Response response = http().get("/api/v1/models/21/predict");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("method_not_allowed");
        assertThat(response.json().get("detail").asString()).contains("POST /api/v1/models/21/predict");
    }

    @Test
    void theDeploymentUuidAndTheSlugOnTheSameRouteGiveTheSameScore() {
        JsonNode byNumber = http().postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson())
                .json();
        TestHttp.Response byUuid =
                http().postJson("/api/v1/models/" + DEPLOYMENT_21 + "/predict", ExampleInputs.predictRequestJson());
        TestHttp.Response bySlug =
                http().postJson("/api/v1/models/lscor-v2/predict", ExampleInputs.predictRequestJson());

        assertThat(byUuid.status()).as(byUuid.toString()).isEqualTo(200);
        assertThat(bySlug.status()).as(bySlug.toString()).isEqualTo(200);
        for (JsonNode other : new JsonNode[] {byUuid.json(), bySlug.json()}) {
            assertThat(other.get("model_id").asInt()).isEqualTo(21);
            assertThat(other.get("deployment_id").asString()).isEqualTo(DEPLOYMENT_21);
            assertThat(other.get("predictions").get("lead_score"))
                    .isEqualTo(byNumber.get("predictions").get("lead_score"));
            assertThat(other.get("predictions").get("conversion_probability"))
                    .isEqualTo(byNumber.get("predictions").get("conversion_probability"));
        }
    }

    @Test
    void anUnknownModelAnswers404() {
        TestHttp.Response response = http().postJson("/api/v1/models/999/predict", ExampleInputs.predictRequestJson());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void aBadKeyAnswers401WithWwwAuthenticate() {
        TestHttp.Response response = http().withKey("hk_live_notARealKeyAtAll0000000000000000")
                .postJson("/api/v1/models/21/predict", ExampleInputs.predictRequestJson());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().get("code").asString()).isEqualTo("invalid_api_key");
    }
}
