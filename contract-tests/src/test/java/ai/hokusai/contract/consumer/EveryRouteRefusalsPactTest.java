package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.DEPLOYMENT_21;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_KEY_ID;
import static ai.hokusai.contract.consumer.Contract.UNKNOWN_PREDICTION;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.errorOn;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.testsupport.ExampleInputs;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every route answers to requests no SDK sends but any HTTP client can: a method the route does not take
 * (405 with {@code Allow}) and an {@code Accept} header that rules out every media type the operation answers with
 * (406). Hand-built, one interaction per route (405) and per operation (406).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class EveryRouteRefusalsPactTest {

    private static final HttpClient HAND_BUILT = HttpClient.newHttpClient();

    /** One operation: its method, a concrete path, whether it needs a key, and the route's Allow list. */
    record Call(String operationId, String method, String path, boolean keyed, String allow, String wrongMethod) {}

    static final List<Call> CALLS = List.of(
            new Call("listModels", "GET", "/api/v1/models", true, "GET, POST", "DELETE"),
            new Call("createModel", "POST", "/api/v1/models", true, "GET, POST", null),
            new Call("getModel", "GET", "/api/v1/models/21", true, "GET, PATCH", "DELETE"),
            new Call("updateModel", "PATCH", "/api/v1/models/21", true, "GET, PATCH", null),
            new Call("getModelInfo", "GET", "/api/v1/models/21/info", true, "GET", "DELETE"),
            new Call("getModelHealth", "GET", "/api/v1/models/21/health", true, "GET", "DELETE"),
            new Call("predict", "POST", "/api/v1/models/21/predict", true, "POST", "PUT"),
            new Call("listModelDeployments", "GET", "/api/v1/models/21/deployments", true, "GET, POST", "DELETE"),
            new Call("createDeployment", "POST", "/api/v1/models/21/deployments", true, "GET, POST", null),
            new Call("getDeployment", "GET", "/api/v1/deployments/" + DEPLOYMENT_21, true, "DELETE, GET", "PUT"),
            new Call(
                    "retireDeployment",
                    "DELETE",
                    "/api/v1/deployments/" + Contract.UNKNOWN_DEPLOYMENT,
                    true,
                    "DELETE, GET",
                    null),
            new Call(
                    "activateDeployment",
                    "POST",
                    "/api/v1/deployments/" + DEPLOYMENT_21 + "/activate",
                    true,
                    "POST",
                    "GET"),
            new Call("createApiKey", "POST", "/api/v1/api-keys", true, "GET, POST", "PUT"),
            new Call("listApiKeys", "GET", "/api/v1/api-keys", true, "GET, POST", null),
            new Call("revokeApiKey", "DELETE", "/api/v1/api-keys/" + UNKNOWN_KEY_ID, true, "DELETE", "GET"),
            new Call("getUsage", "GET", "/api/v1/usage", true, "GET", "DELETE"),
            new Call("reportOutcome", "POST", "/api/v1/outcomes", true, "POST", "GET"),
            new Call("getModelUsage", "GET", "/api/v1/models/21/usage", true, "GET", "DELETE"),
            new Call("getOwnAccount", "GET", "/api/v1/account", true, "GET", "DELETE"),
            new Call("setHuggingFaceCredential", "PUT", HubTokenPactTest.PATH, true, "DELETE, PUT", "GET"),
            new Call("deleteHuggingFaceCredential", "DELETE", HubTokenPactTest.PATH, true, "DELETE, PUT", null),
            new Call("createAccount", "POST", "/api/v1/accounts", true, "POST", "GET"),
            new Call("getAccount", "GET", "/api/v1/accounts/" + Contract.OTHER_ACCOUNT_ID, true, "GET", "DELETE"),
            new Call("listAuditEvents", "GET", "/api/v1/audit-events", true, "GET", "DELETE"),
            new Call("getLiveness", "GET", "/health/live", false, "GET", "DELETE"),
            new Call("getReadiness", "GET", "/health/ready", false, "GET", "DELETE"),
            new Call("getOpenApiDocument", "GET", "/openapi.yaml", false, "GET", "DELETE"),
            new Call("getApiIndex", "GET", "/", false, "GET", "DELETE"),
            new Call("getInferenceServerMetadata", "GET", "/v2", false, "GET", "DELETE"),
            new Call("getInferenceServerLive", "GET", "/v2/health/live", false, "GET", "DELETE"),
            new Call("getInferenceServerReady", "GET", "/v2/health/ready", false, "GET", "DELETE"),
            new Call("getTensorModelMetadata", "GET", "/v2/models/21", true, "GET", "DELETE"),
            new Call("getTensorModelVersionMetadata", "GET", "/v2/models/21/versions/2.0.0", true, "GET", "DELETE"),
            new Call("getTensorModelReady", "GET", "/v2/models/21/ready", true, "GET", "DELETE"),
            new Call("getTensorModelVersionReady", "GET", "/v2/models/21/versions/2.0.0/ready", true, "GET", "DELETE"),
            new Call("inferTensors", "POST", "/v2/models/21/infer", true, "POST", "GET"),
            new Call("inferTensorsOfVersion", "POST", "/v2/models/21/versions/2.0.0/infer", true, "POST", "GET"),
            new Call("createOpenAiEmbeddings", "POST", "/api/openai/v1/embeddings", true, "POST", "GET"),
            new Call("listOpenAiModels", "GET", "/api/openai/v1/models", true, "GET", "DELETE"),
            new Call(
                    "getOpenAiModel", "GET", "/api/openai/v1/models/" + Bodies.EMBEDDING_MODEL, true, "GET", "DELETE"));

    private static final String UNACCEPTABLE = "application/xml";

    private static PactDslRequestWithPath request(
            PactDslWithProvider builder, Call call, String method, String description) {
        PactDslWithState state = builder.given(States.KEY_ADMIN, scopes("admin"));
        PactDslRequestWithPath request =
                state.uponReceiving(description).method(method).path(call.path());
        return call.keyed() ? authenticated(request) : request;
    }

    @Pact(consumer = CONSUMER)
    V4Pact wrongMethodOnEveryRoute(PactDslWithProvider builder) {
        PactDslResponse response = null;
        for (Call call : CALLS) {
            if (call.wrongMethod() == null) {
                continue;
            }
            String description = call.operationId() + ", hand-built: " + call.wrongMethod() + " on " + call.path();
            PactDslRequestWithPath request = response == null
                    ? request(builder, call, call.wrongMethod(), description)
                    : continued(response, call, call.wrongMethod(), description);
            response = errorOn(request.willRespondWith(), call.path(), 405, "method_not_allowed")
                    .matchHeader("Allow", call.allow().replace(", ", "|"), call.allow()); // Pact splits the list
        }
        return response.toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact unacceptableAcceptOnEveryOperation(PactDslWithProvider builder) {
        PactDslResponse response = null;
        for (Call call : CALLS) {
            String description = call.operationId() + ", hand-built: Accept: " + UNACCEPTABLE;
            PactDslRequestWithPath request = response == null
                    ? request(builder, call, call.method(), description)
                    : continued(response, call, call.method(), description);
            request = request.headers("Accept", UNACCEPTABLE);
            if (validBody(call) != null) {
                request = request.body(validBody(call), "application/json");
            }
            response = errorOn(request.willRespondWith(), call.path(), 406, "not_acceptable");
        }
        return response.toPact(V4Pact.class);
    }

    private static PactDslRequestWithPath continued(
            PactDslResponse previous, Call call, String method, String description) {
        PactDslRequestWithPath request = previous.given(States.KEY_ADMIN, scopes("admin"))
                .uponReceiving(description)
                .method(method)
                .path(call.path());
        return call.keyed() ? authenticated(request) : request;
    }

    @Test
    @PactTestFor(pactMethod = "wrongMethodOnEveryRoute")
    void aMethodARouteDoesNotTakeIs405WithAllow(MockServer server) throws Exception {
        for (Call call : CALLS) {
            if (call.wrongMethod() == null) {
                continue;
            }
            HttpResponse<String> response = send(
                    server,
                    call,
                    HttpRequest.newBuilder(uri(server, call))
                            .method(call.wrongMethod(), HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).as(call.operationId()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue(call.allow());
            assertThat(response.body()).contains("\"code\":\"method_not_allowed\"");
        }
    }

    @Test
    @PactTestFor(pactMethod = "unacceptableAcceptOnEveryOperation")
    void anAcceptHeaderRulingOutTheAnswerIs406(MockServer server) throws Exception {
        for (Call call : CALLS) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri(server, call)).header("Accept", UNACCEPTABLE);
            request = validBody(call) != null
                    ? request.header("Content-Type", "application/json")
                            .method(call.method(), HttpRequest.BodyPublishers.ofString(validBody(call)))
                    : request.method(call.method(), HttpRequest.BodyPublishers.noBody());
            HttpResponse<String> response = send(server, call, request);
            assertThat(response.statusCode()).as(call.operationId()).isEqualTo(406);
            assertThat(response.body()).contains("\"code\":\"not_acceptable\"");
        }
    }

    /** A body the operation's schema accepts, so the Accept header is the only thing wrong; null for none. */
    private static String validBody(Call call) {
        return switch (call.operationId()) {
            case "predict" -> ExampleInputs.predictRequestJson();
            case "inferTensors", "inferTensorsOfVersion" -> ExampleInputs.json(ExampleInputs.inferenceRequest());
            case "createApiKey" -> "{\"name\":\"CRM integration\",\"scopes\":[\"predict\"]}";
            case "reportOutcome" ->
                "{\"inference_log_id\":\"" + UNKNOWN_PREDICTION
                        + "\",\"outcome_score\":1,\"outcome_type\":\"conversion\"}";
            case "createModel" ->
                "{\"slug\":\"contract-not-acceptable\",\"name\":\"n\",\"task\":\"t\","
                        + "\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}";
            case "updateModel" -> "{\"cache_ttl_seconds\":3600}";
            case "setHuggingFaceCredential" -> "{\"token\":\"" + Contract.HUB_TOKEN + "\"}";
            case "createAccount" -> "{\"slug\":\"contract-not-acceptable\",\"name\":\"n\"}";
            case "createOpenAiEmbeddings" ->
                "{\"model\":\"" + Bodies.EMBEDDING_MODEL + "\",\"input\":\"" + Bodies.EMBEDDING_TEXT + "\"}";
            case "createDeployment" ->
                "{\"version\":\"0.0.1-not-acceptable\",\"runtime\":\"lscor-logistic\"," + "\"artifact_uri\":\""
                        + Contract.ARTIFACT_URI + "\"}";
            default -> null;
        };
    }

    private static URI uri(MockServer server, Call call) {
        return URI.create(server.getUrl() + call.path());
    }

    private static HttpResponse<String> send(MockServer server, Call call, HttpRequest.Builder request)
            throws Exception {
        if (call.keyed()) {
            request.header("Authorization", "Bearer " + EXAMPLE_KEY);
        }
        return HAND_BUILT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
