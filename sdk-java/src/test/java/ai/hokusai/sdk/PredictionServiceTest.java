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
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.MissingFieldException;
import ai.hokusai.sdk.exception.ServerException;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;
import ai.hokusai.testsupport.ExampleInputs;
import com.fasterxml.jackson.annotation.JsonProperty;
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

        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/api/v1/models/21/predict");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode inputs = json.readTree(request.body).get("inputs");
        assertThat(inputs.isObject()).isTrue();
        assertThat(inputs.get("title").asText()).isEqualTo(ExampleInputs.lead().get("title"));
        assertThat(typed(json.convertValue(inputs, new TypeReference<Map<String, Object>>() {})))
                .as("every field of the example lead, as sent")
                .isEqualTo(lead());
    }

    @Test
    void scoresABatchOfLeadsInInputOrder() throws Exception {
        stub.json(200, predictResponse("[" + LEAD_SCORE + "," + COLD_SCORE + "]"));

        BatchPrediction<LeadScore> scored =
                client.predictions().createBatch("lscor-v2", List.of(lead(), lead().title("Intern")), LeadScore.class);

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
        BatchPrediction<Map<String, Object>> many =
                client.predictions().createBatch("21", List.of(Map.of("company_size", 1000)));

        assertThat(one.getPrediction()).containsEntry("lead_score", 82).containsEntry("recommendation", "Hot");
        assertThat(many.getPredictions()).hasSize(1);
        assertThat(json.readTree(stub.lastRequest().body).get("inputs").isArray())
                .isTrue();
    }

    @Test
    void sendsTheCallersIdempotencyKeyUnchanged() {
        stub.json(200, predictResponse(LEAD_SCORE));

        client.predictions()
                .create(
                        "21",
                        lead(),
                        RequestOptions.builder()
                                .idempotencyKey("order-7-lead-3")
                                .build());

        assertThat(stub.lastRequest().header("Idempotency-Key")).isEqualTo("order-7-lead-3");
    }

    @Test
    void givesEachCallItsOwnGeneratedIdempotencyKey() {
        stub.json(200, predictResponse(LEAD_SCORE));

        client.predictions().create("21", lead());
        client.predictions().create("21", lead());

        assertThat(stub.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .doesNotContainNull()
                .doesNotHaveDuplicates()
                .allSatisfy(key -> UUID.fromString(key));
    }

    @Test
    void aBatchAnsweredWithOneObjectIsAnError() {
        stub.json(200, predictResponse(LEAD_SCORE));

        assertThatThrownBy(() -> client.predictions().createBatch("21", List.of(lead(), lead()), LeadScore.class))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("array of 2 predictions");
    }

    @Test
    void refusesAnEmptyBatchBeforeSendingIt() {
        assertThatThrownBy(() -> client.predictions().createBatch("21", List.of(), LeadScore.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.attempts()).isZero();
    }

    @Test
    void theRawResponseCarriesTheRequestIdRateLimitAndWhetherItWasReplayed() {
        stub.json(
                200,
                predictResponse(LEAD_SCORE),
                "X-Request-Id",
                "req_42",
                "RateLimit-Policy",
                "\"hour\";q=1000;w=3600",
                "RateLimit",
                "\"hour\";r=997;t=1740",
                "Idempotent-Replayed",
                "true");

        RawResponse<Prediction<LeadScore>> scored =
                client.predictions().withRawResponse().create("21", lead());

        assertThat(scored.getValue().getPrediction().getLeadScore()).isEqualTo(82);
        assertThat(scored.getStatusCode()).isEqualTo(200);
        assertThat(scored.getRequestId()).isEqualTo("req_42");
        assertThat(scored.getHeader("x-request-id")).contains("req_42");
        assertThat(scored.getDeprecation()).isEmpty();
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

        RawResponse<Prediction<LeadScore>> scored =
                client.predictions().withRawResponse().create("21", lead());

        assertThat(scored.getRateLimit()).isEmpty();
        assertThat(scored.isReplayed()).isFalse();
    }

    @Test
    void predictsAnyModelWithATypedInputAndOutput() throws Exception {
        stub.json(200, predictResponse("{\"label\":\"positive\",\"score\":0.93}"));

        Prediction<Sentiment> scored =
                client.predictions().create("sentiment", new Review("Works well", null), Sentiment.class);

        assertThat(scored.getPrediction().label).isEqualTo("positive");
        assertThat(scored.getPrediction().score).isEqualTo(0.93);
        assertThat(json.readTree(stub.lastRequest().body).get("inputs").toString())
                .as("an optional field left null is not sent")
                .isEqualTo("{\"text\":\"Works well\"}");
    }

    @Test
    void aMapSendsItsExplicitNullsAsSet() throws Exception {
        stub.json(200, predictResponse(LEAD_SCORE));
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("title", null);

        client.predictions().create("21", input);

        assertThat(json.readTree(stub.lastRequest().body).get("inputs").toString())
                .isEqualTo("{\"title\":null}");
    }

    @Test
    void aTypedInputWithoutARequiredFieldIsRefusedBeforeSendingNamingTheField() {
        assertThatThrownBy(() -> client.predictions().create("21", lead().title(null)))
                .isInstanceOfSatisfying(MissingFieldException.class, e -> {
                    assertThat(e.getPointers()).containsExactly("/inputs/title");
                    assertThat(e.getStatusCode()).isZero();
                    assertThat(e.getRequestId()).isNull();
                })
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("/inputs/title");
        assertThatThrownBy(() -> client.predictions().create("21", new LeadScoringInput().companySize(10)))
                .isInstanceOfSatisfying(
                        MissingFieldException.class,
                        e -> assertThat(e.getPointers())
                                .hasSize(9)
                                .contains("/inputs/industry", "/inputs/decision_timeline")
                                .doesNotContain("/inputs/company_size"));
        assertThat(stub.attempts()).isZero();
    }

    @Test
    void aBatchNamesTheInputThatLacksARequiredField() {
        assertThatThrownBy(() ->
                        client.predictions().createBatch("21", List.of(lead(), lead().industry(null)), LeadScore.class))
                .isInstanceOfSatisfying(
                        MissingFieldException.class,
                        e -> assertThat(e.getPointers()).containsExactly("/inputs/1/industry"));
        assertThatThrownBy(() -> client.predictions().create("sentiment", new Review(null, "en"), Sentiment.class))
                .isInstanceOfSatisfying(
                        MissingFieldException.class,
                        e -> assertThat(e.getPointers()).containsExactly("/inputs/text"));
        assertThat(stub.attempts()).isZero();
    }

    @Test
    void aPredictionOfAnotherShapeThanTheOutputTypeIsAServerError() {
        stub.json(200, predictResponse("{\"label\":[1,2]}"), "X-Request-Id", "req_shape");

        assertThatThrownBy(() -> client.predictions().create("sentiment", new Review("ok", null), Sentiment.class))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.getRequestId()).isEqualTo("req_shape");
                    assertThat(e.getMessage()).contains("Sentiment");
                });
    }

    /** Another model's input, typed as a caller would: one required and one optional field. */
    static final class Review {
        @JsonProperty(value = "text", required = true)
        public final String text;

        @JsonProperty("language")
        public final String language;

        Review(String text, String language) {
            this.text = text;
            this.language = language;
        }
    }

    /** Another model's output. */
    static final class Sentiment {
        @JsonProperty("label")
        public String label;

        @JsonProperty("score")
        public double score;
    }
}
