package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CALLER_PRIVATE_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.OTHER_ACCOUNT_ID;
import static ai.hokusai.contract.consumer.Contract.OTHER_PRIVATE_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.OTHER_PUBLIC_MODEL_ID;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.ModelUpdateParams;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelCreateRequest;
import ai.hokusai.sdk.model.ModelVisibility;
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
 * Models tag, who may see and change a model: a publisher registers a model public or private (the default) and
 * changes its visibility; another account reads a public model but may not change it, and does not learn that a
 * private one exists.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class VisibilityPactTest {

    private static final String ADMIN = "admin";
    private static final String READ = "models:read";
    private static final String PUBLIC_SLUG = "contract-public-embed";

    @Pact(consumer = CONSUMER)
    V4Pact createPublic(PactDslWithProvider builder) {
        return json(jsonBody(
                                authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .uponReceiving("createModel: a sentence encoder every account may call")
                                        .method("POST")
                                        .path("/api/v1/models")),
                                RegistryWritesPactTest.newModelBody(PUBLIC_SLUG, Bodies.textInputSchema(), "public"))
                        .willRespondWith()
                        .status(201))
                .body(Bodies.registeredModel(new PactDslJsonBody(), "public", null)
                        .stringValue("slug", PUBLIC_SLUG))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createPublic")
    void aModelRegisteredPublicSaysSoAndWhoseItIs(MockServer server) {
        Model model = Contract.sdk(server)
                .models()
                .create(RegistryWritesPactTest.newModel(PUBLIC_SLUG, RegistryWritesPactTest.textSchema())
                        .visibility(ModelCreateRequest.VisibilityEnum.PUBLIC));

        assertThat(model.getVisibility()).isEqualTo(ModelVisibility.PUBLIC);
        assertThat(model.getOwnerAccountId()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact makePublic(PactDslWithProvider builder) {
        return json(jsonBody(
                                authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                        .given(States.CALLER_PRIVATE_MODEL)
                                        .uponReceiving("updateModel: the account's private model made public")
                                        .method("PATCH")
                                        .path("/api/v1/models/" + CALLER_PRIVATE_MODEL_ID)),
                                new PactDslJsonBody().stringValue("visibility", "public"))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.registeredModel(new PactDslJsonBody(), "public", null))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "makePublic")
    void updateChangesTheVisibility(MockServer server) {
        Model model = Contract.sdk(server)
                .models()
                .update(
                        String.valueOf(CALLER_PRIVATE_MODEL_ID),
                        ModelUpdateParams.builder()
                                .visibility(ModelVisibility.PUBLIC)
                                .build());

        assertThat(model.getVisibility()).isEqualTo(ModelVisibility.PUBLIC);
    }

    @Pact(consumer = CONSUMER)
    V4Pact readAnotherAccountsPublicModel(PactDslWithProvider builder) {
        return json(authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                .given(States.OTHER_PUBLIC_MODEL)
                                .uponReceiving("getModel: another account's public model")
                                .method("GET")
                                .path("/api/v1/models/" + OTHER_PUBLIC_MODEL_ID))
                        .willRespondWith()
                        .status(200))
                .body(Bodies.registeredModel(new PactDslJsonBody(), "public", OTHER_ACCOUNT_ID))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "readAnotherAccountsPublicModel")
    void anotherAccountsPublicModelIsReadable(MockServer server) {
        Model model = Contract.sdk(server).models().get(String.valueOf(OTHER_PUBLIC_MODEL_ID));

        assertThat(model.getOwnerAccountId()).isEqualTo(UUID.fromString(OTHER_ACCOUNT_ID));
        assertThat(model.getVisibility()).isEqualTo(ModelVisibility.PUBLIC);
    }

    @Pact(consumer = CONSUMER)
    V4Pact changeAnotherAccountsPublicModel(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                                                .given(States.OTHER_PUBLIC_MODEL)
                                                .uponReceiving("updateModel: another account's public model")
                                                .method("PATCH")
                                                .path("/api/v1/models/" + OTHER_PUBLIC_MODEL_ID)),
                                        RegistryWritesPactTest.sameSettingsBody())
                                .willRespondWith(),
                        403,
                        "forbidden")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "changeAnotherAccountsPublicModel")
    void anotherAccountsPublicModelCannotBeChanged(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models()
                                .update(String.valueOf(OTHER_PUBLIC_MODEL_ID), RegistryWritesPactTest.sameSettings())))
                .isEqualTo(new Clients.Answer(403, "forbidden"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact readAnotherAccountsPrivateModel(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes(READ))
                                        .given(States.OTHER_PRIVATE_MODEL)
                                        .uponReceiving(
                                                "getModel: another account's private model, as if it did not exist")
                                        .method("GET")
                                        .path("/api/v1/models/" + OTHER_PRIVATE_MODEL_ID))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "readAnotherAccountsPrivateModel")
    void anotherAccountsPrivateModelIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().get(String.valueOf(OTHER_PRIVATE_MODEL_ID))))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
    }
}
