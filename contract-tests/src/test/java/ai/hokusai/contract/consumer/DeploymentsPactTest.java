package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_DEPLOYMENT;
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
import ai.hokusai.sdk.exception.AuthenticationException;
import ai.hokusai.sdk.exception.InvalidRequestException;
import ai.hokusai.sdk.exception.NotFoundException;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.DeploymentList;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments tag: {@code client.deployments().list/get}. (A deployment id that is not a UUID cannot be sent through
 * the SDK, whose parameter is a {@link UUID}; {@link HandBuiltRequestsPactTest} sends that one.)
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class DeploymentsPactTest {

    private static final String READ = "models:read";

    @Pact(consumer = CONSUMER)
    V4Pact listOf21(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.MODEL_21_ACTIVE)
                                .uponReceiving("listModelDeployments: the deployments of model 21")
                                .method("GET")
                                .path("/api/v1/models/21/deployments"))
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody().minArrayLike("data", 1, Bodies.deployment(new PactDslJsonBody()), 1))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listOf21")
    void listReadsTheDeploymentsWithTheirArtifacts(MockServer server) {
        DeploymentList list = sdk(server).deployments().list("21");

        assertThat(list.getData()).isNotEmpty();
        assertThat(list.getData().get(0).getArtifact().getLocation()).isNotBlank();
        assertThat(list.getData().get(0).getStatus()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithMalformedRef(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .uponReceiving(
                                                "listModelDeployments: a reference that is neither a number, a slug nor a UUID")
                                        .method("GET")
                                        .path("/api/v1/models/Lead_Scoring/deployments"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithMalformedRef")
    void listWithAMalformedReferenceIsAnInvalidParameter(MockServer server) {
        assertThatThrownBy(() -> sdk(server).deployments().list("Lead_Scoring"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact listWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("listModelDeployments: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/models/21/deployments"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listWithUnknownKey")
    void listWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).deployments().list("21"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact listOfUnknownModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.NO_MODEL_999)
                                        .uponReceiving("listModelDeployments: a model number nobody registered")
                                        .method("GET")
                                        .path("/api/v1/models/999/deployments"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listOfUnknownModel")
    void listOfAnUnknownModelIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).deployments().list("999"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact get21(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.MODEL_21_ACTIVE)
                                .uponReceiving("getDeployment: the live deployment of model 21")
                                .method("GET")
                                .path("/api/v1/deployments/" + DEPLOYMENT_21))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.deployment(new PactDslJsonBody()))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "get21")
    void getReadsOneDeployment(MockServer server) {
        Deployment deployment = sdk(server).deployments().get(UUID.fromString(DEPLOYMENT_21));

        assertThat(deployment.getId()).isNotNull();
        assertThat(deployment.getModelId()).isPositive();
        assertThat(deployment.getRuntime()).isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact getWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("getDeployment: a key the server never issued")
                                .method("GET")
                                .path("/api/v1/deployments/" + DEPLOYMENT_21))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getWithUnknownKey")
    void getWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThatThrownBy(() -> sdk(server, UNKNOWN_KEY).deployments().get(UUID.fromString(DEPLOYMENT_21)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact getUnknown(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.NO_DEPLOYMENT)
                                        .uponReceiving("getDeployment: a UUID no deployment has")
                                        .method("GET")
                                        .path("/api/v1/deployments/" + UNKNOWN_DEPLOYMENT))
                                .willRespondWith(),
                        404,
                        "deployment_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getUnknown")
    void getAnUnknownDeploymentIsNotFound(MockServer server) {
        assertThatThrownBy(() -> sdk(server).deployments().get(UUID.fromString(UNKNOWN_DEPLOYMENT)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("deployment_not_found"));
    }
}
