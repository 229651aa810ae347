package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.USED_IDEMPOTENCY_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.lead;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.sdk;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.BatchPrediction;
import ai.hokusai.sdk.Prediction;
import ai.hokusai.sdk.RawResponse;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.exception.ServerException;
import ai.hokusai.sdk.model.LeadScore;
import ai.hokusai.sdk.model.LeadScoringInput;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Predictions tag: every documented answer of {@code POST /api/v1/models/{modelRef}/predict} that the SDK can
 * provoke. (A wrong method and a wrong content type are in {@link HandBuiltRequestsPactTest}: the SDK cannot send
 * them.)
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class PredictionsPactTest {

    private static final String PREDICT = "predict";
    private static final int OVER_THE_LIMIT = 101;

    @Pact(consumer = CONSUMER)
    V4Pact scoreOneLead(PactDslWithProvider builder) {
        PactDslJsonBody body = Bodies.predictEnvelope(new PactDslJsonBody(), 1);
        return json(predict(
                                builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                        .given(States.MODEL_21_ACTIVE),
                                "predict: one lead scored by model 21",
                                "21")
                        .body(Bodies.oneLeadRequest())
                        .willRespondWith()
                        .status(200))
                .body(Bodies.leadScore(body.object("predictions")).closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "scoreOneLead")
    void oneLeadGetsOneScoreWithItsTierAndFactors(MockServer server) {
        RawResponse<Prediction<LeadScore>> response =
                sdk(server).predictions().withRawResponse().create("21", lead());

        Prediction<LeadScore> scored = response.getValue();
        LeadScore score = scored.getPrediction();
        assertThat(score.getLeadScore()).isBetween(0, 100);
        assertThat(score.getRecommendation()).isNotNull();
        assertThat(score.getFactors()).isNotEmpty();
        assertThat(scored.getInferenceLogId()).isNotNull();
        assertThat(response.getRequestId()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact scoreTwoLeads(PactDslWithProvider builder) {
        PactDslJsonBody body = Bodies.predictEnvelope(new PactDslJsonBody(), 2);
        return json(predict(
                                builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                        .given(States.MODEL_21_ACTIVE),
                                "predict: a batch of two leads scored by model 21",
                                "21")
                        .body(Bodies.predictRequest(
                                new PactDslJsonBody().minArrayLike("inputs", 1, Bodies.lead(new PactDslJsonBody()), 2)))
                        .willRespondWith()
                        .status(200))
                .body(body.minArrayLike("predictions", 1, Bodies.leadScore(new PactDslJsonBody()), 2))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "scoreTwoLeads")
    void aBatchGetsOneScorePerLeadInOrder(MockServer server) {
        BatchPrediction<LeadScore> scored =
                sdk(server).predictions().createBatch("21", List.of(lead(), lead()), LeadScore.class);

        assertThat(scored.getPredictions()).hasSize(2);
        assertThat(scored.getPredictions())
                .allSatisfy(score -> assertThat(score.getConfidence()).isBetween(0.0, 1.0));
    }

    @Pact(consumer = CONSUMER)
    V4Pact batchOverTheLimit(PactDslWithProvider builder) {
        return problemWithErrors(
                        predict(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                .given(States.MODEL_21_ACTIVE),
                                        "predict: a batch larger than model 21's max_batch_size",
                                        "21")
                                .body(Bodies.predictRequest(new PactDslJsonBody()
                                        .minArrayLike(
                                                "inputs",
                                                OVER_THE_LIMIT,
                                                Bodies.lead(new PactDslJsonBody()),
                                                OVER_THE_LIMIT)))
                                .willRespondWith(),
                        413,
                        "batch_too_large")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "batchOverTheLimit")
    void aBatchOverTheLimitIsRefusedWithThePointerToInputs(MockServer server) {
        List<LeadScoringInput> leads = Collections.nCopies(OVER_THE_LIMIT, lead());

        assertThatThrownBy(() -> sdk(server).predictions().createBatch("21", leads, LeadScore.class))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(413);
                    assertThat(e.getCode()).isEqualTo("batch_too_large");
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact invalidLead(PactDslWithProvider builder) {
        return problemWithErrors(
                        predict(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                .given(States.MODEL_21_ACTIVE),
                                        "predict: a lead with a string for company_size",
                                        "21")
                                .body(Bodies.predictRequest(new PactDslJsonBody()
                                        .object("inputs")
                                        .stringValue("company_size", "a thousand")
                                        .stringType("industry", "Technology")
                                        .closeObject()
                                        .asBody()))
                                .willRespondWith(),
                        422,
                        "invalid_input")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "invalidLead")
    void anInvalidLeadNamesEachBadFieldByPointer(MockServer server) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("company_size", "a thousand");
        input.put("industry", "Technology");

        assertThatThrownBy(() -> sdk(server).predictions().create("21", input))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(e.getCode()).isEqualTo("invalid_input");
                    assertThat(e.getFieldErrors()).isNotEmpty();
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact idempotencyKeyReused(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                        .given(States.MODEL_21_ACTIVE)
                                        .given(States.IDEMPOTENCY_KEY_USED)
                                        .uponReceiving("predict: an Idempotency-Key already used for another request")
                                        .method("POST")
                                        .path("/api/v1/models/21/predict")
                                        .matchHeader("Content-Type", "application/json.*", "application/json")
                                        .headers("Idempotency-Key", USED_IDEMPOTENCY_KEY))
                                .body(Bodies.oneLeadRequest())
                                .willRespondWith(),
                        409,
                        "idempotency_conflict")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "idempotencyKeyReused")
    void reusingAnIdempotencyKeyForAnotherRequestIsAConflict(MockServer server) {
        RequestOptions sameKey =
                RequestOptions.builder().idempotencyKey(USED_IDEMPOTENCY_KEY).build();

        assertThatThrownBy(() -> sdk(server).predictions().create("21", lead(), sameKey))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(409);
                    assertThat(e.getCode()).isEqualTo("idempotency_conflict");
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact malformedRef(PactDslWithProvider builder) {
        return problemWithErrors(
                        predict(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT)),
                                        "predict: a reference that is neither a number, a slug nor a UUID",
                                        "Lead_Scoring")
                                .body(Bodies.oneLeadRequest())
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "malformedRef")
    void aMalformedReferenceIsAnInvalidParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server).predictions().create("Lead_Scoring", lead()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("invalid_parameter");
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact unknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(
                                predictRoute(builder.uponReceiving("predict: a key the server never issued"), "21"))
                        .body(Bodies.oneLeadRequest())
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "unknownKey")
    void anUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).predictions().create("21", lead()))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact unknownModel(PactDslWithProvider builder) {
        return problem(
                        predict(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                .given(States.NO_MODEL_999),
                                        "predict: a model number nobody registered",
                                        "999")
                                .body(Bodies.oneLeadRequest())
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "unknownModel")
    void anUnknownModelIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).predictions().create("999", lead()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact modelCannotLoad(PactDslWithProvider builder) {
        return problem(
                        predict(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                .given(States.BROKEN_MODEL),
                                        "predict: a model whose artifact cannot be loaded",
                                        "9503")
                                .body(Bodies.oneLeadRequest())
                                .willRespondWith(),
                        503,
                        "model_unavailable")
                .matchHeader("Retry-After", "\\d+", "30")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "modelCannotLoad")
    void aModelThatCannotLoadIsUnavailableForNow(MockServer server) {
        assertThatThrownBy(() -> sdk(server).predictions().create("9503", lead()))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.getCode()).isEqualTo("model_unavailable");
                });
    }

    private static PactDslRequestWithPath predict(PactDslWithState states, String description, String modelRef) {
        return authenticated(predictRoute(states.uponReceiving(description), modelRef));
    }

    /** The SDK sends an Idempotency-Key with every POST, so its own retries are never run or billed twice. */
    private static PactDslRequestWithPath predictRoute(PactDslRequestWithoutPath request, String modelRef) {
        return request.method("POST")
                .path("/api/v1/models/" + modelRef + "/predict")
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .matchHeader("Idempotency-Key", "[\\x21-\\x7E]{1,255}", "5b0f6c1e-0c3a-4a51-9d1e-6f7a8b9c0d1e");
    }
}
