package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.FAILED_DEPLOYMENT;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_DEPLOYMENT;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY;
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
import ai.hokusai.sdk.ModelUpdateParams;
import ai.hokusai.sdk.RequestOptions;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.DeploymentCreateRequest;
import ai.hokusai.sdk.model.Model;
import ai.hokusai.sdk.model.ModelCreateRequest;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registering models and deploying them ({@code models:write}): {@code client.models().create/update} and
 * {@code client.deployments().create/activate/retire}, each with its success and every refusal the server documents
 * for it but the ones every operation shares (403, 429: {@link AccessRefusalsPactTest}; 405, 406:
 * {@link EveryRouteRefusalsPactTest}; 415: {@link HandBuiltRequestsPactTest}).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class RegistryWritesPactTest {

    private static final String ADMIN = "admin";
    static final String NEW_SLUG = "contract-minilm-embed";
    static final RequestOptions MALFORMED = ApiKeysPactTest.MALFORMED;

    static ModelCreateRequest newModel(String slug, Map<String, Object> inputSchema) {
        return new ModelCreateRequest()
                .slug(slug)
                .name("MiniLM sentence embeddings")
                .task("feature-extraction")
                .tags(Set.of("Embedding"))
                .inputSchema(inputSchema)
                .outputSchema(Map.of("type", "object"))
                .maxBatchSize(32)
                .cacheTtlSeconds(3600);
    }

    static Map<String, Object> textSchema() {
        return Map.of("type", "object", "required", List.of("text"));
    }

    /** As the SDK sends it: private, the request type's default. */
    static PactDslJsonBody newModelBody(String slug, PactDslJsonBody inputSchema) {
        return newModelBody(slug, inputSchema, "private");
    }

    static PactDslJsonBody newModelBody(String slug, PactDslJsonBody inputSchema, String visibility) {
        return Bodies.modelRequest(slug, inputSchema, visibility)
                .array("tags")
                .stringValue("Embedding")
                .closeArray()
                .asBody();
    }

    static DeploymentCreateRequest newDeployment(String version, String runtime) {
        return new DeploymentCreateRequest()
                .version(version)
                .runtime(runtime)
                .artifactUri(Contract.ARTIFACT_URI)
                .activate(false);
    }

    static PactDslJsonBody newDeploymentBody(String version, String runtime) {
        return Bodies.deploymentRequest(version, runtime, Contract.ARTIFACT_URI);
    }

    private static PactDslRequestWithPath asAdmin(
            PactDslWithProvider builder, String state, String description, String method, String path) {
        PactDslRequestWithPath request = builder.given(States.KEY_ADMIN, scopes(ADMIN))
                .given(state)
                .uponReceiving(description)
                .method(method)
                .path(path);
        return authenticated(request);
    }

    // createModel

    @Pact(consumer = CONSUMER)
    V4Pact createModel(PactDslWithProvider builder) {
        return json(jsonBody(
                                asAdmin(
                                        builder,
                                        States.MODEL_21_ACTIVE,
                                        "createModel: a sentence encoder",
                                        "POST",
                                        "/api/v1/models"),
                                newModelBody(NEW_SLUG, Bodies.textInputSchema()))
                        .willRespondWith()
                        .status(201))
                .body(new PactDslJsonBody()
                        .integerType("id", 22)
                        .stringValue("slug", NEW_SLUG)
                        .stringType("name", "MiniLM sentence embeddings")
                        .stringType("description", "")
                        .eachLike("tags", au.com.dius.pact.consumer.dsl.PactDslJsonRootValue.stringType("Embedding"), 1)
                        .stringType("task", "feature-extraction")
                        .integerType("max_batch_size", 32)
                        .integerType("cache_ttl_seconds", 3600)
                        .object("input_schema")
                        .stringValue("type", "object")
                        .closeObject()
                        .asBody()
                        .object("output_schema")
                        .stringValue("type", "object")
                        .closeObject()
                        .asBody()
                        .stringValue("visibility", "private")
                        .uuid("owner_account_id", Bodies.OPERATOR_ACCOUNT_ID)
                        .stringMatcher("created_at", Contract.TIMESTAMP_PATTERN, Contract.EXAMPLE_TIMESTAMP))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createModel")
    void createRegistersTheModelUnderANewNumber(MockServer server) {
        Model model = Contract.sdk(server).models().create(newModel(NEW_SLUG, textSchema()));

        assertThat(model.getId()).isPositive();
        assertThat(model.getSlug()).isEqualTo(NEW_SLUG);
        assertThat(model.getActiveDeploymentId()).isNull();
    }

    @Pact(consumer = CONSUMER)
    V4Pact createModelWithTakenSlug(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.MODEL_21_ACTIVE,
                                                "createModel: the slug of model 21",
                                                "POST",
                                                "/api/v1/models"),
                                        newModelBody("lscor-v2", Bodies.textInputSchema()))
                                .willRespondWith(),
                        409,
                        "slug_taken")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createModelWithTakenSlug")
    void aTakenSlugIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().create(newModel("lscor-v2", textSchema()))))
                .isEqualTo(new Clients.Answer(409, "slug_taken"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createModelWithBadSchema(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.MODEL_21_ACTIVE,
                                                "createModel: an input schema that is not a JSON Schema",
                                                "POST",
                                                "/api/v1/models"),
                                        newModelBody(
                                                "contract-bad-schema",
                                                new PactDslJsonBody().stringValue("type", "objekt")))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createModelWithBadSchema")
    void aSchemaThatIsNotAJsonSchemaIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().create(newModel("contract-bad-schema", Map.of("type", "objekt")))))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createModelWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                        builder,
                                                        States.MODEL_21_ACTIVE,
                                                        "createModel: an X-Request-Id with spaces",
                                                        "POST",
                                                        "/api/v1/models")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        newModelBody(NEW_SLUG, Bodies.textInputSchema()))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createModelWithMalformedRequestId")
    void createWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().create(newModel(NEW_SLUG, textSchema()), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createModelWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("createModel: a key the server never issued")
                                        .method("POST")
                                        .path("/api/v1/models")),
                                newModelBody(NEW_SLUG, Bodies.textInputSchema()))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createModelWithUnknownKey")
    void createWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.models().create(newModel(NEW_SLUG, textSchema()))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // updateModel

    static ModelUpdateParams sameSettings() {
        return ModelUpdateParams.builder()
                .maxBatchSize(100)
                .cacheTtlSeconds(3600)
                .build();
    }

    static PactDslJsonBody sameSettingsBody() {
        return new PactDslJsonBody().numberValue("max_batch_size", 100).numberValue("cache_ttl_seconds", 3600);
    }

    @Pact(consumer = CONSUMER)
    V4Pact updateModel(PactDslWithProvider builder) {
        return json(jsonBody(
                                asAdmin(
                                        builder,
                                        States.MODEL_21_ACTIVE,
                                        "updateModel: model 21's batch limit and cache duration",
                                        "PATCH",
                                        "/api/v1/models/21"),
                                sameSettingsBody())
                        .willRespondWith()
                        .status(200))
                .body(Bodies.model(new PactDslJsonBody()))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "updateModel")
    void updateAnswersTheChangedModel(MockServer server) {
        Model model = Contract.sdk(server).models().update("21", sameSettings());

        assertThat(model.getMaxBatchSize()).isPositive();
        assertThat(model.getCacheTtlSeconds()).isNotNegative();
    }

    @Pact(consumer = CONSUMER)
    V4Pact updateModelWithZeroBatch(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.MODEL_21_ACTIVE,
                                                "updateModel: a batch limit of zero",
                                                "PATCH",
                                                "/api/v1/models/21"),
                                        new PactDslJsonBody().numberValue("max_batch_size", 0))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "updateModelWithZeroBatch")
    void aZeroBatchLimitIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models()
                                .update(
                                        "21",
                                        ModelUpdateParams.builder()
                                                .maxBatchSize(0)
                                                .build())))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact updateUnknownModel(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.NO_MODEL_999,
                                                "updateModel: a model number nobody registered",
                                                "PATCH",
                                                "/api/v1/models/999"),
                                        sameSettingsBody())
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "updateUnknownModel")
    void updatingAnUnknownModelIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY).refusal(c -> c.sdk.models().update("999", sameSettings())))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact updateModelWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                        builder,
                                                        States.MODEL_21_ACTIVE,
                                                        "updateModel: an X-Request-Id with spaces",
                                                        "PATCH",
                                                        "/api/v1/models/21")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        sameSettingsBody())
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "updateModelWithMalformedRequestId")
    void updateWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.models().update("21", sameSettings(), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact updateModelWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("updateModel: a key the server never issued")
                                        .method("PATCH")
                                        .path("/api/v1/models/21")),
                                sameSettingsBody())
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "updateModelWithUnknownKey")
    void updateWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY).refusal(c -> c.sdk.models().update("21", sameSettings())))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // createDeployment

    @Pact(consumer = CONSUMER)
    V4Pact createDeployment(PactDslWithProvider builder) {
        return json(jsonBody(
                                asAdmin(
                                        builder,
                                        States.MODEL_21_ACTIVE,
                                        "createDeployment: a new version of model 21",
                                        "POST",
                                        "/api/v1/models/21/deployments"),
                                newDeploymentBody("2.1.0-contract", "lscor-logistic"))
                        .willRespondWith()
                        .status(202))
                .body(Bodies.deployment(new PactDslJsonBody())
                        .stringValue("load_status", "pending")
                        .stringValue("status", "inactive"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeployment")
    void createAcceptsTheDeploymentPending(MockServer server) {
        Deployment deployment =
                Contract.sdk(server).deployments().create("21", newDeployment("2.1.0-contract", "lscor-logistic"));

        assertThat(deployment.getLoadStatus()).isEqualTo(Deployment.LoadStatusEnum.PENDING);
        assertThat(deployment.getStatus()).isEqualTo(Deployment.StatusEnum.INACTIVE);
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDeploymentWithTakenVersion(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.MODEL_21_ACTIVE,
                                                "createDeployment: the version model 21 is deployed at",
                                                "POST",
                                                "/api/v1/models/21/deployments"),
                                        newDeploymentBody("2.0.0", "lscor-logistic"))
                                .willRespondWith(),
                        409,
                        "version_taken")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeploymentWithTakenVersion")
    void aTakenVersionIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().create("21", newDeployment("2.0.0", "lscor-logistic"))))
                .isEqualTo(new Clients.Answer(409, "version_taken"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDeploymentWithUnknownRuntime(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.MODEL_21_ACTIVE,
                                                "createDeployment: a runtime the server does not have",
                                                "POST",
                                                "/api/v1/models/21/deployments"),
                                        newDeploymentBody("2.1.1-contract", "tensorflow-savedmodel"))
                                .willRespondWith(),
                        422,
                        "invalid_request")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeploymentWithUnknownRuntime")
    void anUnknownRuntimeIsAnInvalidRequest(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments()
                                .create("21", newDeployment("2.1.1-contract", "tensorflow-savedmodel"))))
                .isEqualTo(new Clients.Answer(422, "invalid_request"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDeploymentOfUnknownModel(PactDslWithProvider builder) {
        return problem(
                        jsonBody(
                                        asAdmin(
                                                builder,
                                                States.NO_MODEL_999,
                                                "createDeployment: a model number nobody registered",
                                                "POST",
                                                "/api/v1/models/999/deployments"),
                                        newDeploymentBody("1.0.0", "lscor-logistic"))
                                .willRespondWith(),
                        404,
                        "model_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeploymentOfUnknownModel")
    void deployingAnUnknownModelIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().create("999", newDeployment("1.0.0", "lscor-logistic"))))
                .isEqualTo(new Clients.Answer(404, "model_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDeploymentWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        jsonBody(
                                        asAdmin(
                                                        builder,
                                                        States.MODEL_21_ACTIVE,
                                                        "createDeployment: an X-Request-Id with spaces",
                                                        "POST",
                                                        "/api/v1/models/21/deployments")
                                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID),
                                        newDeploymentBody("2.1.2-contract", "lscor-logistic"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeploymentWithMalformedRequestId")
    void deployWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments()
                                .create("21", newDeployment("2.1.2-contract", "lscor-logistic"), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDeploymentWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(jsonBody(
                                withUnknownKey(builder.uponReceiving("createDeployment: a key the server never issued")
                                        .method("POST")
                                        .path("/api/v1/models/21/deployments")),
                                newDeploymentBody("2.1.3-contract", "lscor-logistic"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDeploymentWithUnknownKey")
    void deployWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c ->
                                c.sdk.deployments().create("21", newDeployment("2.1.3-contract", "lscor-logistic"))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // activateDeployment

    @Pact(consumer = CONSUMER)
    V4Pact activate(PactDslWithProvider builder) {
        return json(asAdmin(
                                builder,
                                States.MODEL_21_ACTIVE,
                                "activateDeployment: model 21's live deployment",
                                "POST",
                                "/api/v1/deployments/" + DEPLOYMENT_21 + "/activate")
                        .willRespondWith()
                        .status(200))
                .body(Bodies.deployment(new PactDslJsonBody()).stringValue("status", "active"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "activate")
    void activateAnswersTheActiveDeployment(MockServer server) {
        Deployment deployment = Contract.sdk(server).deployments().activate(UUID.fromString(DEPLOYMENT_21));

        assertThat(deployment.getStatus()).isEqualTo(Deployment.StatusEnum.ACTIVE);
    }

    @Pact(consumer = CONSUMER)
    V4Pact activateFailed(PactDslWithProvider builder) {
        return problem(
                        asAdmin(
                                        builder,
                                        States.FAILED_DEPLOYMENT,
                                        "activateDeployment: a deployment that failed to load",
                                        "POST",
                                        "/api/v1/deployments/" + FAILED_DEPLOYMENT + "/activate")
                                .willRespondWith(),
                        409,
                        "deployment_not_ready")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "activateFailed")
    void activatingAFailedDeploymentIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().activate(UUID.fromString(FAILED_DEPLOYMENT))))
                .isEqualTo(new Clients.Answer(409, "deployment_not_ready"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact activateUnknown(PactDslWithProvider builder) {
        return problem(
                        asAdmin(
                                        builder,
                                        States.NO_DEPLOYMENT,
                                        "activateDeployment: a UUID no deployment has",
                                        "POST",
                                        "/api/v1/deployments/" + UNKNOWN_DEPLOYMENT + "/activate")
                                .willRespondWith(),
                        404,
                        "deployment_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "activateUnknown")
    void activatingAnUnknownDeploymentIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().activate(UUID.fromString(UNKNOWN_DEPLOYMENT))))
                .isEqualTo(new Clients.Answer(404, "deployment_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact activateWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        asAdmin(
                                        builder,
                                        States.MODEL_21_ACTIVE,
                                        "activateDeployment: an X-Request-Id with spaces",
                                        "POST",
                                        "/api/v1/deployments/" + DEPLOYMENT_21 + "/activate")
                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID)
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "activateWithMalformedRequestId")
    void activateWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().activate(UUID.fromString(DEPLOYMENT_21), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact activateWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("activateDeployment: a key the server never issued")
                                .method("POST")
                                .path("/api/v1/deployments/" + DEPLOYMENT_21 + "/activate"))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "activateWithUnknownKey")
    void activateWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.deployments().activate(UUID.fromString(DEPLOYMENT_21))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }

    // retireDeployment

    private static final String RETIRABLE_EXAMPLE = "5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b";

    @Pact(consumer = CONSUMER)
    V4Pact retire(PactDslWithProvider builder) {
        return authenticated(builder.given(States.KEY_ADMIN, scopes(ADMIN))
                        .given(States.RETIRABLE_DEPLOYMENT)
                        .uponReceiving("retireDeployment: a ready deployment that is not active")
                        .method("DELETE")
                        .pathFromProviderState(
                                "/api/v1/deployments/${deploymentId}", "/api/v1/deployments/" + RETIRABLE_EXAMPLE))
                .willRespondWith()
                .status(204)
                .matchHeader("X-Request-Id", Contract.REQUEST_ID_PATTERN, "req_3f9a1c")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "retire")
    void retireAnswersNoContent(MockServer server) {
        assertThat(Contract.sdk(server)
                        .deployments()
                        .withRawResponse()
                        .retire(UUID.fromString(RETIRABLE_EXAMPLE))
                        .getRequestId())
                .isNotBlank();
    }

    @Pact(consumer = CONSUMER)
    V4Pact retireActive(PactDslWithProvider builder) {
        return problem(
                        asAdmin(
                                        builder,
                                        States.MODEL_21_ACTIVE,
                                        "retireDeployment: model 21's live deployment",
                                        "DELETE",
                                        "/api/v1/deployments/" + DEPLOYMENT_21)
                                .willRespondWith(),
                        409,
                        "deployment_active")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "retireActive")
    void retiringTheActiveDeploymentIsAConflict(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().retire(UUID.fromString(DEPLOYMENT_21))))
                .isEqualTo(new Clients.Answer(409, "deployment_active"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact retireUnknown(PactDslWithProvider builder) {
        return problem(
                        asAdmin(
                                        builder,
                                        States.NO_DEPLOYMENT,
                                        "retireDeployment: a UUID no deployment has",
                                        "DELETE",
                                        "/api/v1/deployments/" + UNKNOWN_DEPLOYMENT)
                                .willRespondWith(),
                        404,
                        "deployment_not_found")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "retireUnknown")
    void retiringAnUnknownDeploymentIsNotFound(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().retire(UUID.fromString(UNKNOWN_DEPLOYMENT))))
                .isEqualTo(new Clients.Answer(404, "deployment_not_found"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact retireWithMalformedRequestId(PactDslWithProvider builder) {
        return problemWithErrors(
                        asAdmin(
                                        builder,
                                        States.NO_DEPLOYMENT,
                                        "retireDeployment: an X-Request-Id with spaces",
                                        "DELETE",
                                        "/api/v1/deployments/" + UNKNOWN_DEPLOYMENT)
                                .headers("X-Request-Id", ApiKeysPactTest.MALFORMED_REQUEST_ID)
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "retireWithMalformedRequestId")
    void retireWithAMalformedRequestIdIsAnInvalidParameter(MockServer server) {
        assertThat(new Clients(server, EXAMPLE_KEY)
                        .refusal(c -> c.sdk.deployments().retire(UUID.fromString(UNKNOWN_DEPLOYMENT), MALFORMED)))
                .isEqualTo(new Clients.Answer(400, "invalid_parameter"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact retireWithUnknownKey(PactDslWithProvider builder) {
        return unauthorized(withUnknownKey(builder.uponReceiving("retireDeployment: a key the server never issued")
                                .method("DELETE")
                                .path("/api/v1/deployments/" + UNKNOWN_DEPLOYMENT))
                        .willRespondWith())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "retireWithUnknownKey")
    void retireWithAnUnknownKeyIsAnAuthenticationFailure(MockServer server) {
        assertThat(new Clients(server, UNKNOWN_KEY)
                        .refusal(c -> c.sdk.deployments().retire(UUID.fromString(UNKNOWN_DEPLOYMENT))))
                .isEqualTo(new Clients.Answer(401, "invalid_api_key"));
    }
}
