package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.OTHER_PRIVATE_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.OTHER_PUBLIC_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.ModelUsageParams;
import ai.hokusai.sdk.model.ModelUsageReport;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Usage tag, a publisher's view of its model: calls per day and calling account, through
 * {@code client.models().usage(ref)}. Only the model's own account may read it: another account's public model is
 * {@code 403 forbidden}, another account's private model does not exist for the caller.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ModelUsagePactTest {

    private static final String READ = "models:read";

    private static String usagePath(Object model) {
        return "/api/v1/models/" + model + "/usage";
    }

    /** Model 21 is the caller's account's; the caller has just called it, so a row is there to read. */
    @Pact(consumer = CONSUMER)
    V4Pact owner(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.CALLER_PREDICTED)
                                .uponReceiving("getModelUsage: model 21's calls, read by its own account")
                                .method("GET")
                                .path(usagePath(21)))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .integerType("model_id", 21)
                        .stringMatcher("from", Bodies.DATE_PATTERN, "2026-10-29")
                        .stringMatcher("to", Bodies.DATE_PATTERN, "2026-11-27")
                        .minArrayLike("data", 1, Bodies.modelUsageRow(), 1))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "owner")
    void theOwnerReadsCallsPerDayAndAccount(MockServer server) {
        ModelUsageReport report = Contract.sdk(server).models().usage("21");

        assertThat(report.getFrom()).isBeforeOrEqualTo(report.getTo());
        assertThat(report.getData()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getAccountId()).isNotNull();
            assertThat(row.getFailedRequests()).isBetween(0L, row.getRequests());
        });
    }

    @Pact(consumer = CONSUMER)
    V4Pact anotherAccountsPublicModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.OTHER_PUBLIC_MODEL)
                                        .uponReceiving("getModelUsage: another account's public model")
                                        .method("GET")
                                        .path(usagePath(OTHER_PUBLIC_MODEL_ID)))
                                .willRespondWith(),
                        403,
                        "forbidden")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "anotherAccountsPublicModel")
    void anotherAccountsPublicModelIsForbidden(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().usage(String.valueOf(OTHER_PUBLIC_MODEL_ID))))
                .isEqualTo(new Clients.Answer(403, "forbidden"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact anotherAccountsPrivateModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.OTHER_PRIVATE_MODEL)
                                        .uponReceiving(
                                                "getModelUsage: another account's private model, as if it did not exist")
                                        .method("GET")
                                        .path(usagePath(OTHER_PRIVATE_MODEL_ID)))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "anotherAccountsPrivateModel")
    void anotherAccountsPrivateModelIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().usage(String.valueOf(OTHER_PRIVATE_MODEL_ID))))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact withMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving("getModelUsage: an X-Request-Id with spaces")
                                        .method("GET")
                                        .path(usagePath(21))
                                        .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "withMalformedRequestId")
    void aMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models()
                                .usage("21", ModelUsageParams.builder().build(), ApiKeysPactTest.MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact usageWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getModelUsage: a key the server never issued")
                                .method("GET")
                                .path(usagePath(21)))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "usageWithUnknownKey")
    void usageWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY).refusal(c -> c.sdk.models().usage("21")))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
