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
import ai.hokusai.sdk.ModelListParams;
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelList;
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

/** Models tag, the registry's list and get: what {@code client.models().list/get} send and can read back. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ModelsPactTest {

    private static final String READ = "models:read";
    /** Well-formed (it matches the cursor pattern) but never handed out by a page. */
    private static final String FOREIGN_CURSOR = "bm90LWEtY3Vyc29y";

    @Pact(consumer = CONSUMER)
    V4Pact listFirstPage(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.TWO_MODELS)
                                .uponReceiving("listModels: the first page, one model per page")
                                .method("GET")
                                .path("/api/v1/models")
                                .query("limit=1"))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .minArrayLike("data", 1, Bodies.model(new PactDslJsonBody()), 1)
                        .booleanValue("has_more", true)
                        .stringMatcher("next_cursor", "[A-Za-z0-9_-]+", "MjE"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listFirstPage")
    void listReadsOnePageAndTheCursorOfTheNext(MockServer server) {
        ModelList page =
                sdk(server).models().list(ModelListParams.builder().limit(1).build());

        assertThat(page.getData()).hasSize(1);
        assertThat(page.getData().get(0).getSlug()).isNotBlank();
        assertThat(page.getHasMore()).isTrue();
        assertThat(page.getNextCursor()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithForeignCursor(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving("listModels: a cursor no page handed out")
                                        .method("GET")
                                        .path("/api/v1/models")
                                        .query("cursor=" + FOREIGN_CURSOR))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithForeignCursor")
    void listWithAForeignCursorIsAnInvalidParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server)
                        .models()
                        .list(ModelListParams.builder().cursor(FOREIGN_CURSOR).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("invalid_parameter");
                    assertThat(e.getFieldErrors()).isNotEmpty();
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("listModels: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/models"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithUnknownKey")
    void listWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).models().list())
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_api_key"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact getModel21(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.MODEL_21_ACTIVE)
                                .uponReceiving("getModel: model 21 by its number")
                                .method("GET")
                                .path("/api/v1/models/21"))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.model(new PactDslJsonBody()).stringType("ticker", "LSCOR"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getModel21")
    void getReadsTheModelWithItsInputSchemaAndLiveDeployment(MockServer server) {
        Model model = sdk(server).models().get("21");

        assertThat(model.getId()).isPositive();
        assertThat(model.getInputSchema()).containsKey("type");
        assertThat(model.getActiveDeploymentId()).isNotNull();
        assertThat(model.getCreatedAt()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact getModelWithMalformedRef(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving(
                                                "getModel: a reference that is neither a number, a slug nor a UUID")
                                        .method("GET")
                                        .path("/api/v1/models/Lead_Scoring"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getModelWithMalformedRef")
    void getWithAMalformedReferenceNamesThePathParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().get("Lead_Scoring"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("invalid_parameter");
                    assertThat(e.getFieldErrors()).isNotEmpty();
                });
    }

    @Pact(consumer = CONSUMER)
    V4Pact getModelWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getModel: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/models/21"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getModelWithUnknownKey")
    void getWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).models().get("21"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact getUnknownModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.NO_MODEL_999)
                                        .uponReceiving("getModel: a model number nobody registered")
                                        .method("GET")
                                        .path("/api/v1/models/999"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getUnknownModel")
    void getAnUnknownModelIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).models().get("999"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("model_not_found"));
    }
}
