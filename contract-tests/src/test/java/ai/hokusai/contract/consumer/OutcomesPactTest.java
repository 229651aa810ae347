package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_TIMESTAMP;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.TIMESTAMP_PATTERN;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_PREDICTION;
import static ai.hokusai.contract.consumer.Contract.USED_IDEMPOTENCY_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.Outcome;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outcomes tag: reporting what really happened to a scored lead, through {@code client.outcomes()}. Only the key
 * that made the prediction may report it, so most states here make a prediction first.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class OutcomesPactTest {

    private static final String PREDICT = "predict";
    private static final String EXAMPLE_LOG = "0b6a7c1e-2f4d-4e8a-9b3c-1d2e3f4a5b6c";

    @Pact(consumer = CONSUMER)
    V4Pact report(PactDslWithProvider builder) {
        PactDslJsonBody body = new PactDslJsonBody()
                .valueFromProviderState("inference_log_id", "${inferenceLogId}", EXAMPLE_LOG)
                .numberType("outcome_score", 1.0)
                .stringType("outcome_type", "conversion");
        return json(jsonBody(
                                report(
                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                .given(States.CALLER_PREDICTED),
                                        "reportOutcome: the caller's own prediction converted"),
                                body)
                        .willRespondWith()
                        .status(201))
                .body(new PactDslJsonBody()
                        .uuid("id", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                        .uuid("inference_log_id", EXAMPLE_LOG)
                        .numberType("outcome_score", 1.0)
                        .stringType("outcome_type", "conversion")
                        .stringMatcher("created_at", TIMESTAMP_PATTERN, EXAMPLE_TIMESTAMP))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "report")
    void anOutcomeIsRecordedAgainstThePrediction(MockServer server) {
        Outcome outcome =
                new Clients(server, EXAMPLE_KEY).sdk.outcomes().report(UUID.fromString(EXAMPLE_LOG), 1.0, "conversion");

        assertThat(outcome.getInferenceLogId()).hasToString(EXAMPLE_LOG);
        assertThat(outcome.getId()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportOthersPrediction(PactDslWithProvider builder) {
        PactDslJsonBody body = new PactDslJsonBody()
                .valueFromProviderState("inference_log_id", "${inferenceLogId}", EXAMPLE_LOG)
                .numberType("outcome_score", 1.0)
                .stringType("outcome_type", "conversion");
        return problem(
                        jsonBody(
                                        report(
                                                builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                        .given(States.OTHER_KEY_PREDICTED),
                                                "reportOutcome: a prediction another key made"),
                                        body)
                                .willRespondWith(),
                        403,
                        "forbidden")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportOthersPrediction")
    void onlyTheKeyThatPredictedMayReport(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY).refusal(send(EXAMPLE_LOG, null, null)))
                .isEqualTo(new Clients.Answer(403, "forbidden"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportUnknown(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        report(
                                                builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                        .given(States.NO_PREDICTION),
                                                "reportOutcome: an inference_log_id no prediction has"),
                                        Bodies.outcomeRequest(UNKNOWN_PREDICTION))
                                .willRespondWith(),
                        404,
                        "inference_log_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportUnknown")
    void anUnknownPredictionIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY).refusal(send(UNKNOWN_PREDICTION, null, null)))
                .isEqualTo(new Clients.Answer(404, "inference_log_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportWithUsedIdempotencyKey(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        report(
                                                        builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                                .given(States.IDEMPOTENCY_KEY_USED),
                                                        "reportOutcome: an Idempotency-Key already used for another request")
                                                .headers("Idempotency-Key", USED_IDEMPOTENCY_KEY),
                                        Bodies.outcomeRequest(UNKNOWN_PREDICTION))
                                .willRespondWith(),
                        409,
                        "idempotency_conflict")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportWithUsedIdempotencyKey")
    void reusingAnIdempotencyKeyIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY).refusal(send(UNKNOWN_PREDICTION, null, USED_IDEMPOTENCY_KEY)))
                .isEqualTo(new Clients.Answer(409, "idempotency_conflict"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportScoreAboveOne(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        report(
                                                builder.given(States.KEY_PREDICT, scopes(PREDICT)),
                                                "reportOutcome: an outcome_score above 1"),
                                        new PactDslJsonBody()
                                                .uuid("inference_log_id", UNKNOWN_PREDICTION)
                                                .numberValue("outcome_score", 2.0)
                                                .stringType("outcome_type", "conversion"))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportScoreAboveOne")
    void aScoreAboveOneIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.outcomes().report(UUID.fromString(UNKNOWN_PREDICTION), 2.0, "conversion")))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        report(
                                                        builder.given(States.KEY_PREDICT, scopes(PREDICT)),
                                                        "reportOutcome: an X-Request-Id with spaces")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        Bodies.outcomeRequest(UNKNOWN_PREDICTION))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportWithMalformedRequestId")
    void aMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.outcomes()
                                .report(
                                        UUID.fromString(UNKNOWN_PREDICTION),
                                        1.0,
                                        "conversion",
                                        ApiKeysPactTest.MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("reportOutcome: a key the server never issued")
                                        .method("POST")
                                        .path("/api/v1/outcomes")),
                                Bodies.outcomeRequest(UNKNOWN_PREDICTION))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportWithUnknownKey")
    void anUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY).refusal(send(UNKNOWN_PREDICTION, null, null)))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact reportWhileDatabaseDown(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        report(
                                                builder.given(States.KEY_PREDICT, scopes(PREDICT))
                                                        .given(States.DATABASE_DOWN),
                                                "reportOutcome: the database does not answer"),
                                        Bodies.outcomeRequest(UNKNOWN_PREDICTION))
                                .willRespondWith(),
                        503,
                        "service_unavailable")
                .matchHeader("Retry-After", "\\d+", "5")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "reportWhileDatabaseDown")
    void aDatabaseOutageIsUnavailableForNow(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY).refusal(send(UNKNOWN_PREDICTION, null, null)))
                .isEqualTo(new Clients.Answer(503, "service_unavailable"));
    }

    private static PactDslRequestWithPath report(PactDslWithState states, String description) {
        return authenticated(states.uponReceiving(description).method("POST").path("/api/v1/outcomes"));
    }

    private static Clients.Call send(String inferenceLogId, String requestId, String idempotencyKey) {
        RequestOptions options = RequestOptions.builder()
                .requestId(requestId)
                .idempotencyKey(idempotencyKey)
                .build();
        return c -> c.sdk.outcomes().report(UUID.fromString(inferenceLogId), 1.0, "conversion", options);
    }
}
