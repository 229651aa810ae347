package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.COLD_SCORE;
import static ai.hokusai.sdk.TestData.LEAD_SCORE;
import static ai.hokusai.sdk.TestData.clientFor;
import static ai.hokusai.sdk.TestData.lead;
import static ai.hokusai.sdk.TestData.predictResponse;
import static ai.hokusai.sdk.TestData.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.exception.ApiException;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.testsupport.ExampleInputs;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PredictionServiceTest {

    private final StubServer stub = new StubServer();
    private final HokusaiClient client = clientFor(stub, new RecordingSleeper()).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void scoresOneLeadAsATypedLeadScore() throws Exception {
        stub.json(200, predictResponse(LEAD_SCORE), "X-Request-Id", "req_42");

        Prediction<LeadScore> scored = client.predictions().create("21", lead());

        assertThat(scored.getPrediction().getLeadScore()).isEqualTo(82);
        assertThat(scored.getPrediction().getRecommendation()).isEqualTo(LeadScore.RecommendationEnum.HOT);
        assertThat(scored.getPrediction().getFactors()).contains("Demo requested");
        assertThat(scored.getModelId()).isEqualTo(21);
        assertThat(scored.getInferenceLogId()).isEqualTo(UUID.fromString("0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c"));
        assertThat(scored.getRequestId()).isEqualTo("req_42");

        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/api/v1/models/21/predict");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode inputs = json.readTree(request.body).get("inputs");
        assertThat(inputs.isObject()).isTrue();
        assertThat(inputs.get("title").asText()).isEqualTo(ExampleInputs.lead().get("title"));
        assertThat(typed(json.convertValue(inputs, new TypeReference<Map<String, Object>>() { })))
                .as("every field of the example lead, as sent").isEqualTo(lead());
    }

    @Test
    void scoresABatchOfLeadsInInputOrder() throws Exception {
        stub.json(200, predictResponse("[" + LEAD_SCORE + "," + COLD_SCORE + "]"));

        BatchPrediction<LeadScore> scored = client.predictions()
                .createLeadScoreBatch("lscor-v2", List.of(lead(), lead().title("Intern")));

        assertThat(scored.getPredictions()).extracting(LeadScore::getLeadScore).containsExactly(82, 12);
        JsonNode inputs = json.readTree(stub.lastRequest().body).get("inputs");
        assertThat(inputs.isArray()).isTrue();
        assertThat(inputs.get(1).get("title").asText()).isEqualTo("Intern");
        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/models/lscor-v2/predict");
    }

    @Test
    void predictsAnyModelFromMaps() throws Exception {
        stub.json(200, predictResponse(LEAD_SCORE)).json(200, predictResponse("[" + LEAD_SCORE + "]"));

        Prediction<Map<String, Object>> one = client.predictions().create("21", Map.of("company_size", 1000));
        BatchPrediction<Map<String, Object>> many = client.predictions()
                .createBatch("21", List.of(Map.of("company_size", 1000)));

        assertThat(one.getPrediction()).containsEntry("lead_score", 82).containsEntry("recommendation", "Hot");
        assertThat(many.getPredictions()).hasSize(1);
        assertThat(json.readTree(stub.lastRequest().body).get("inputs").isArray()).isTrue();
    }

    @Test
    void sendsTheCallersIdempotencyKeyUnchanged() {
        stub.json(200, predictResponse(LEAD_SCORE));

        client.predictions().create("21", lead(), RequestOptions.builder().idempotencyKey("order-7-lead-3").build());

        assertThat(stub.lastRequest().header("Idempotency-Key")).isEqualTo("order-7-lead-3");
    }

    @Test
    void givesEachCallItsOwnGeneratedIdempotencyKey() {
        stub.json(200, predictResponse(LEAD_SCORE));

        client.predictions().create("21", lead());
        client.predictions().create("21", lead());

        assertThat(stub.requests()).extracting(r -> r.header("Idempotency-Key")).doesNotContainNull()
                .doesNotHaveDuplicates().allSatisfy(key -> UUID.fromString(key));
    }

    @Test
    void aBatchAnsweredWithOneObjectIsAnError() {
        stub.json(200, predictResponse(LEAD_SCORE));

        assertThatThrownBy(() -> client.predictions().createLeadScoreBatch("21", List.of(lead(), lead())))
                .isInstanceOf(ApiException.class).hasMessageContaining("array of 2 predictions");
    }

    @Test
    void refusesAnEmptyBatchBeforeSendingIt() {
        assertThatThrownBy(() -> client.predictions().createLeadScoreBatch("21", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.attempts()).isZero();
    }

    @Test
    void predictionCarriesTheRateLimitAndWhetherItWasReplayed() {
        stub.json(200, predictResponse(LEAD_SCORE), "RateLimit-Policy", "\"hour\";q=1000;w=3600",
                "RateLimit", "\"hour\";r=997;t=1740", "Idempotent-Replayed", "true");

        Prediction<LeadScore> scored = client.predictions().create("21", lead());

        assertThat(scored.isReplayed()).isTrue();
        assertThat(scored.getRateLimit()).hasValueSatisfying(limit -> {
            assertThat(limit.getPolicy()).isEqualTo("hour");
            assertThat(limit.getRemaining()).isEqualTo(997);
            assertThat(limit.getReset()).isEqualTo(java.time.Duration.ofSeconds(1740));
            assertThat(limit.getQuota()).hasValue(1000);
            assertThat(limit.getWindow()).contains(java.time.Duration.ofHours(1));
        });
    }

    @Test
    void predictionWithoutRateLimitHeadersHasNoneAndIsNotAReplay() {
        stub.json(200, predictResponse(LEAD_SCORE));

        Prediction<LeadScore> scored = client.predictions().create("21", lead());

        assertThat(scored.getRateLimit()).isEmpty();
        assertThat(scored.isReplayed()).isFalse();
    }
}
