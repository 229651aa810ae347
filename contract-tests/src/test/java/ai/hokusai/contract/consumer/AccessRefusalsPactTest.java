package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_PREDICTION;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.errorOn;
import static ai.hokusai.contract.consumer.Contract.jsonBody;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.AccountCreateParams;
import ai.hokusai.sdk.ModelListParams;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refusals every operation that needs a key shares: {@code 403 insufficient_scope} for a valid key without the
 * operation's scope, and {@code 429 rate_limited} for a key over its limit. One interaction per operation and
 * refusal, built from the one table below, so an operation added to it gets both.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class AccessRefusalsPactTest {

    private static final String READ = "models:read";
    private static final String PREDICT = "predict";
    private static final String ADMIN = "admin";
    private static final String WRITE = "models:write";
    private static final String PLATFORM = "platform:admin";

    /**
     * One operation as a client sends it: the scope it needs, a scope that is not enough, the request, and the
     * same call made through the SDK.
     */
    record Operation(
            String operationId,
            String scope,
            String lacking,
            UnaryOperator<PactDslRequestWithPath> request,
            String method,
            String path,
            Clients.Call call) {}

    static final List<Operation> OPERATIONS = List.of(
            new Operation(
                    "listModels",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/models",
                    c -> c.sdk.models().list(ModelListParams.builder().build())),
            new Operation(
                    "getModel",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/models/21",
                    c -> c.sdk.models().get("21")),
            new Operation(
                    "getModelInfo",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/models/21/info",
                    c -> c.sdk.models().info("21")),
            new Operation(
                    "getModelHealth",
                    READ,
                    PREDICT,
                    r -> r.query("warmup=false"),
                    "GET",
                    "/api/v1/models/21/health",
                    c -> c.sdk.models().health("21")),
            new Operation(
                    "predict",
                    PREDICT,
                    READ,
                    r -> jsonBody(r, Bodies.oneLeadRequest())
                            .matchHeader(
                                    "Idempotency-Key", "[\\x21-\\x7E]{1,255}", "5b0f6c1e-0c3a-4a51-9d1e-6f7a8b9c0d1e"),
                    "POST",
                    "/api/v1/models/21/predict",
                    c -> c.sdk.predictions().create("21", Contract.lead())),
            new Operation(
                    "listModelDeployments",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/models/21/deployments",
                    c -> c.sdk.deployments().list("21")),
            new Operation(
                    "getDeployment",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/deployments/" + DEPLOYMENT_21,
                    c -> c.sdk.deployments().get(UUID.fromString(DEPLOYMENT_21))),
            new Operation(
                    "createModel",
                    WRITE,
                    READ,
                    r -> jsonBody(
                            r,
                            RegistryWritesPactTest.newModelBody(
                                    RegistryWritesPactTest.NEW_SLUG, Bodies.textInputSchema())),
                    "POST",
                    "/api/v1/models",
                    c -> c.sdk.models()
                            .create(RegistryWritesPactTest.newModel(
                                    RegistryWritesPactTest.NEW_SLUG, RegistryWritesPactTest.textSchema()))),
            new Operation(
                    "updateModel",
                    WRITE,
                    READ,
                    r -> jsonBody(r, RegistryWritesPactTest.sameSettingsBody()),
                    "PATCH",
                    "/api/v1/models/21",
                    c -> c.sdk.models().update("21", RegistryWritesPactTest.sameSettings())),
            new Operation(
                    "createDeployment",
                    WRITE,
                    READ,
                    r -> jsonBody(r, RegistryWritesPactTest.newDeploymentBody("2.1.9-contract", "lscor-logistic")),
                    "POST",
                    "/api/v1/models/21/deployments",
                    c -> c.sdk.deployments()
                            .create("21", RegistryWritesPactTest.newDeployment("2.1.9-contract", "lscor-logistic"))),
            new Operation(
                    "activateDeployment",
                    WRITE,
                    READ,
                    r -> r,
                    "POST",
                    "/api/v1/deployments/" + DEPLOYMENT_21 + "/activate",
                    c -> c.sdk.deployments().activate(UUID.fromString(DEPLOYMENT_21))),
            new Operation(
                    "retireDeployment",
                    WRITE,
                    READ,
                    r -> r,
                    "DELETE",
                    "/api/v1/deployments/" + Contract.UNKNOWN_DEPLOYMENT,
                    c -> c.sdk.deployments().retire(UUID.fromString(Contract.UNKNOWN_DEPLOYMENT))),
            new Operation(
                    "createApiKey",
                    ADMIN,
                    PREDICT,
                    r -> jsonBody(r, Bodies.keyRequest()),
                    "POST",
                    "/api/v1/api-keys",
                    c -> c.sdk.apiKeys().create(ApiKeysPactTest.keyParams().build())),
            new Operation(
                    "listApiKeys",
                    ADMIN,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/api-keys",
                    c -> c.sdk.apiKeys().list()),
            new Operation(
                    "revokeApiKey",
                    ADMIN,
                    PREDICT,
                    r -> r,
                    "DELETE",
                    "/api/v1/api-keys/" + Contract.UNKNOWN_KEY_ID,
                    c -> c.sdk.apiKeys().revoke(UUID.fromString(Contract.UNKNOWN_KEY_ID))),
            new Operation(
                    "getUsage",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/api/v1/usage",
                    c -> c.sdk.usage().retrieve()),
            new Operation(
                    "reportOutcome",
                    PREDICT,
                    READ,
                    r -> jsonBody(r, Bodies.outcomeRequest(UNKNOWN_PREDICTION)),
                    "POST",
                    "/api/v1/outcomes",
                    c -> c.sdk.outcomes().report(UUID.fromString(UNKNOWN_PREDICTION), 1.0, "conversion")),
            new Operation(
                    "getModelUsage",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/models/21/usage",
                    c -> c.sdk.models().usage("21")),
            new Operation(
                    "getOwnAccount",
                    READ,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/account",
                    c -> c.sdk.accounts().retrieve()),
            new Operation(
                    "setHuggingFaceCredential",
                    ADMIN,
                    PREDICT,
                    r -> jsonBody(r, Bodies.hubTokenRequest(Contract.HUB_TOKEN)),
                    "PUT",
                    HubTokenPactTest.PATH,
                    c -> c.sdk.accounts().setHuggingFaceToken(Contract.HUB_TOKEN)),
            new Operation(
                    "deleteHuggingFaceCredential",
                    ADMIN,
                    PREDICT,
                    r -> r,
                    "DELETE",
                    HubTokenPactTest.PATH,
                    c -> c.sdk.accounts().deleteHuggingFaceToken()),
            new Operation(
                    "listAuditEvents",
                    ADMIN,
                    PREDICT,
                    r -> r,
                    "GET",
                    "/api/v1/audit-events",
                    c -> c.sdk.auditEvents().list()),
            new Operation(
                    "getTensorModelMetadata",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/v2/models/21",
                    c -> c.sdk.inference().metadata("21")),
            new Operation(
                    "getTensorModelVersionMetadata",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/v2/models/21/versions/2.0.0",
                    c -> c.sdk.inference().metadata("21", "2.0.0")),
            new Operation(
                    "getTensorModelReady",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/v2/models/21/ready",
                    c -> c.sdk.inference().modelReady("21")),
            new Operation(
                    "getTensorModelVersionReady",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/v2/models/21/versions/2.0.0/ready",
                    c -> c.sdk.inference().modelReady("21", "2.0.0")),
            new Operation(
                    "inferTensors",
                    PREDICT,
                    READ,
                    r -> inferBody(r),
                    "POST",
                    "/v2/models/21/infer",
                    c -> c.sdk.inference().infer("21", InferencePactTest.lead())),
            new Operation(
                    "inferTensorsOfVersion",
                    PREDICT,
                    READ,
                    r -> inferBody(r),
                    "POST",
                    "/v2/models/21/versions/2.0.0/infer",
                    c -> c.sdk.inference().infer("21", "2.0.0", InferencePactTest.lead())),
            // An admin key is no operator: even an admin of the operator's own account lacks platform:admin.
            new Operation(
                    "createAccount",
                    PLATFORM,
                    ADMIN,
                    r -> jsonBody(r, Bodies.accountRequest("contract-refused", 1000)),
                    "POST",
                    "/api/v1/accounts",
                    c -> c.sdk.accounts()
                            .create(AccountCreateParams.builder()
                                    .slug("contract-refused")
                                    .name("Acme Analytics")
                                    .rateLimitPerHour(1000)
                                    .build())),
            new Operation(
                    "getAccount",
                    PLATFORM,
                    ADMIN,
                    r -> r,
                    "GET",
                    "/api/v1/accounts/" + Contract.OTHER_ACCOUNT_ID,
                    c -> c.sdk.accounts().retrieve(UUID.fromString(Contract.OTHER_ACCOUNT_ID))),
            new Operation(
                    "createOpenAiEmbeddings",
                    PREDICT,
                    READ,
                    r -> jsonBody(r, Bodies.embeddingRequest())
                            .matchHeader(
                                    "Idempotency-Key", "[\\x21-\\x7E]{1,255}", "5b0f6c1e-0c3a-4a51-9d1e-6f7a8b9c0d1e"),
                    "POST",
                    "/api/openai/v1/embeddings",
                    c -> c.sdk.embeddings().create(Bodies.EMBEDDING_MODEL, Bodies.EMBEDDING_TEXT)),
            new Operation(
                    "listOpenAiModels",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/api/openai/v1/models",
                    c -> c.sdk.embeddings().listModels()),
            new Operation(
                    "getOpenAiModel",
                    PREDICT,
                    READ,
                    r -> r,
                    "GET",
                    "/api/openai/v1/models/" + Bodies.EMBEDDING_MODEL,
                    c -> c.sdk.embeddings().getModel(Bodies.EMBEDDING_MODEL)));

    @Pact(consumer = CONSUMER)
    V4Pact withoutScope(PactDslWithProvider builder) {
        PactDslResponse pact = null;
        for (Operation op : OPERATIONS) {
            String state = keyState(op.lacking());
            PactDslRequestWithPath request = authenticated((pact == null
                            ? builder.given(state, scopes(op.lacking()))
                            : pact.given(state, scopes(op.lacking())))
                    .uponReceiving(op.operationId() + ": a key without the " + op.scope() + " scope")
                    .method(op.method())
                    .path(op.path()));
            pact = errorOn(op.request().apply(request).willRespondWith(), op.path(), 403, "insufficient_scope");
        }
        return pact.toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "withoutScope")
    void everyOperationRefusesAKeyWithoutItsScope(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        for (Operation op : OPERATIONS) {
            assertThat(clients.refusal(op.call()))
                    .as(op.operationId())
                    .isEqualTo(new Clients.Answer(403, "insufficient_scope"));
        }
    }

    @Pact(consumer = CONSUMER)
    V4Pact overTheLimit(PactDslWithProvider builder) {
        PactDslResponse pact = null;
        for (Operation op : OPERATIONS) {
            PactDslRequestWithPath request = authenticated((pact == null
                            ? builder.given(States.KEY_OVER_LIMIT, scopes(op.scope()))
                            : pact.given(States.KEY_OVER_LIMIT, scopes(op.scope())))
                    .uponReceiving(op.operationId() + ": a key over its hourly limit")
                    .method(op.method())
                    .path(op.path()));
            pact = errorOn(op.request().apply(request).willRespondWith(), op.path(), 429, "rate_limited")
                    .matchHeader("Retry-After", "\\d+", "1740")
                    .matchHeader("RateLimit", ".+", "\"hour\";r=0;t=1740");
        }
        return pact.toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "overTheLimit")
    void everyOperationRefusesAKeyOverItsLimit(MockServer server) {
        Clients clients = new Clients(server, EXAMPLE_KEY);
        for (Operation op : OPERATIONS) {
            assertThat(clients.refusal(op.call()))
                    .as(op.operationId())
                    .isEqualTo(new Clients.Answer(429, "rate_limited"));
        }
    }

    /** The lead as tensors, as the SDK sends it, with the Idempotency-Key it adds. */
    private static PactDslRequestWithPath inferBody(PactDslRequestWithPath request) {
        return request.body(InferencePactTest.sent(InferencePactTest.lead()), "application/json")
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .matchHeader("Idempotency-Key", "[\\x21-\\x7E]{1,255}", "5b0f6c1e-lead-4711");
    }

    private static String keyState(String scope) {
        return switch (scope) {
            case READ -> States.KEY_MODELS_READ;
            case PREDICT -> States.KEY_PREDICT;
            default -> States.KEY_ADMIN;
        };
    }
}
