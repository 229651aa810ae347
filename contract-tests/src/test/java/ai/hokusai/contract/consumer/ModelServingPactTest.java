package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static ai.hokusai.contract.consumer.Contract.sdk;
import static ai.hokusai.contract.consumer.Contract.unauthorized;
import static ai.hokusai.contract.consumer.Contract.withUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.RawResponse;
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.model.ModelHealth;
import ai.hokusai.sdk.model.ModelInfo;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Models tag, the serving facts: {@code client.models().info/health/warmUp}, the calls integrations make first. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ModelServingPactTest {

    private static final String READ = "models:read";

    @Pact(consumer = CONSUMER)
    V4Pact info21(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.MODEL_21_ACTIVE)
                                .uponReceiving("getModelInfo: the serving facts of model 21")
                                .method("GET")
                                .path("/api/v1/models/21/info"))
                        .willRespondWith()
                        .status(200))
                .matchHeader("Deprecation", "@\\d+", "@1796083200")
                // Pact splits a header's value at commas, and an HTTP date has one: each part is matched on its own.
                .matchHeader(
                        "Sunset",
                        "([A-Z][a-z]{2}, )?\\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT|[A-Z][a-z]{2}",
                        "Wed, 30 Jun 2027 00:00:00 GMT")
                .matchHeader(
                        "Link",
                        "<[^>]+>;.*rel=\"deprecation\".*",
                        "</docs/changelog.html#deprecated-fields>; rel=\"deprecation\"; type=\"text/html\"")
                .body(Bodies.modelInfo())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "info21")
    void infoReadsAvailabilityStorageAndBatchLimitWithTheDeprecationNotice(MockServer server) {
        RawResponse<ModelInfo> response = sdk(server).models().withRawResponse().info("21");

        ModelInfo info = response.getValue();
        assertThat(response.getDeprecation()).hasValueSatisfying(notice -> {
            assertThat(notice.getDeprecatedSince()).isPresent();
            assertThat(notice.getSunset()).isPresent();
            assertThat(notice.getLink()).isPresent();
        });
        assertThat(info.getAvailable()).isTrue();
        assertThat(info.getMaxBatchSize()).isPositive();
        assertThat(info.getStorage().getProvider()).isNotNull();
        assertThat(info.getDeploymentId()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact infoWithMalformedRef(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving(
                                                "getModelInfo: a reference that is neither a number, a slug nor a UUID")
                                        .method("GET")
                                        .path("/api/v1/models/LSCOR_v2/info"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "infoWithMalformedRef")
    void infoWithAMalformedReferenceIsAnInvalidParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().info("LSCOR_v2"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact infoWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getModelInfo: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/models/21/info"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "infoWithUnknownKey")
    void infoWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).models().info("21"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact infoOfUnknownModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.NO_MODEL_999)
                                        .uponReceiving("getModelInfo: a model number nobody registered")
                                        .method("GET")
                                        .path("/api/v1/models/999/info"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "infoOfUnknownModel")
    void infoOfAnUnknownModelIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().info("999"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact warmUp21(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.MODEL_21_ACTIVE)
                                .uponReceiving("getModelHealth: warming model 21 up")
                                .method("GET")
                                .path("/api/v1/models/21/health")
                                .query("warmup=true"))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.readyHealth())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "warmUp21")
    void warmUpLeavesTheModelReadyForInference(MockServer server) {
        ModelHealth health = sdk(server).models().warmUp("21");

        assertThat(health.getStatus()).isEqualTo(ModelHealth.StatusEnum.READY);
        assertThat(health.getInferenceReady()).isTrue();
        assertThat(health.getLoadedAt()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact healthOfBrokenModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.BROKEN_MODEL)
                                        .uponReceiving("getModelHealth: a model whose artifact cannot be loaded")
                                        .method("GET")
                                        .path("/api/v1/models/9503/health")
                                        .query("warmup=true"))
                                .willRespondWith(),
                        503,
                        "model_unavailable")
                .matchHeader("Retry-After", "\\d+", "30")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "healthOfBrokenModel")
    void healthReportsAModelThatCannotLoadAsUnavailable(MockServer server) {
        assertThat(new Clients(server, Contract.EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().warmUp("9503")))
                .isEqualTo(new Clients.Answer(503, "model_unavailable"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact healthWithMalformedRef(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving(
                                                "getModelHealth: a reference that is neither a number, a slug nor a UUID")
                                        .method("GET")
                                        .path("/api/v1/models/-21/health")
                                        .query("warmup=false"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "healthWithMalformedRef")
    void healthWithAMalformedReferenceIsAnInvalidParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().health("-21"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact healthWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getModelHealth: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/models/21/health")
                                .query("warmup=false"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "healthWithUnknownKey")
    void healthWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).models().health("21"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact healthOfUnknownModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.NO_MODEL_999)
                                        .uponReceiving("getModelHealth: a model number nobody registered")
                                        .method("GET")
                                        .path("/api/v1/models/999/health")
                                        .query("warmup=false"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "healthOfUnknownModel")
    void healthOfAnUnknownModelIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().health("999")).isInstanceOf(NotFoundException.class);
    }
}
