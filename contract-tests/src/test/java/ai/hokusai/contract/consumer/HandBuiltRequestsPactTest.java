package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.EXAMPLE_KEY;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.authenticated;
import static ai.hokusai.contract.consumer.Contract.problem;
import static ai.hokusai.contract.consumer.Contract.problemWithErrors;
import static ai.hokusai.contract.consumer.Contract.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the SDK can never send, from a client that hand-builds the request with the JDK's HTTP client: the
 * wrong method on the predict URL (the 405 this API was rebuilt for), the wrong content type, and a deployment id
 * that is not a UUID (the SDK's parameter is typed). Integrators who skip the SDK send exactly these, so their
 * answers are part of the contract too.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class HandBuiltRequestsPactTest {

    private static final HttpClient HAND_BUILT = HttpClient.newHttpClient();

    @Pact(consumer = CONSUMER)
    V4Pact getOnPredict(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes("predict"))
                                        .given(States.MODEL_21_ACTIVE)
                                        .uponReceiving(
                                                "predict, hand-built: GET instead of POST on model 21's predict URL")
                                        .method("GET")
                                        .path("/api/v1/models/21/predict"))
                                .willRespondWith(),
                        405,
                        "method_not_allowed")
                .matchHeader("Allow", "POST", "POST")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getOnPredict")
    void getOnThePredictUrlIs405AndSaysPostIsTheWay(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/models/21/predict")).GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).contains("\"code\":\"method_not_allowed\"");
    }

    @Pact(consumer = CONSUMER)
    V4Pact formOnPredict(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes("predict"))
                                        .given(States.MODEL_21_ACTIVE)
                                        .uponReceiving("predict, hand-built: a text/plain body instead of JSON")
                                        .method("POST")
                                        .path("/api/v1/models/21/predict")
                                        .body("company_size=1000&industry=Technology", "text/plain"))
                                .willRespondWith(),
                        415,
                        "unsupported_media_type")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnPredict")
    void aBodyThatIsNotJsonIs415(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/models/21/predict"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("company_size=1000&industry=Technology")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
    }

    @Pact(consumer = CONSUMER)
    V4Pact deploymentIdNotAUuid(PactDslWithProvider builder) {
        return problemWithErrors(
                        authenticated(builder.given(States.KEY_MODELS_READ, scopes("models:read"))
                                        .uponReceiving("getDeployment, hand-built: an id that is not a UUID")
                                        .method("GET")
                                        .path("/api/v1/deployments/lscor-v2"))
                                .willRespondWith(),
                        400,
                        "invalid_parameter")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "deploymentIdNotAUuid")
    void aDeploymentIdThatIsNotAUuidIsAnInvalidParameter(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/deployments/lscor-v2"))
                        .GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"invalid_parameter\"");
    }

    @Pact(consumer = CONSUMER)
    V4Pact formOnApiKeys(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_ADMIN, scopes("admin"))
                                        .uponReceiving("createApiKey, hand-built: a text/plain body instead of JSON")
                                        .method("POST")
                                        .path("/api/v1/api-keys")
                                        .body("name=CRM integration", "text/plain"))
                                .willRespondWith(),
                        415,
                        "unsupported_media_type")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnApiKeys")
    void aKeyRequestThatIsNotJsonIs415(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/api-keys"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("name=CRM integration")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
    }

    @Pact(consumer = CONSUMER)
    V4Pact formOnOutcomes(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.KEY_PREDICT, scopes("predict"))
                                        .uponReceiving("reportOutcome, hand-built: a text/plain body instead of JSON")
                                        .method("POST")
                                        .path("/api/v1/outcomes")
                                        .body("outcome_score=1", "text/plain"))
                                .willRespondWith(),
                        415,
                        "unsupported_media_type")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnOutcomes")
    void anOutcomeThatIsNotJsonIs415(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/outcomes"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("outcome_score=1")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
    }

    /** The protocol's inference routes, each sent a text/plain body. */
    private static final java.util.List<String> INFER_PATHS =
            java.util.List.of("/v2/models/21/infer", "/v2/models/21/versions/2.0.0/infer");

    @Pact(consumer = CONSUMER)
    V4Pact formOnInfer(PactDslWithProvider builder) {
        au.com.dius.pact.consumer.dsl.PactDslResponse response = null;
        for (String path : INFER_PATHS) {
            au.com.dius.pact.consumer.dsl.PactDslWithState state = response == null
                    ? builder.given(States.KEY_PREDICT, scopes("predict"))
                    : response.given(States.KEY_PREDICT, scopes("predict"));
            String operation = path.contains("/versions/") ? "inferTensorsOfVersion" : "inferTensors";
            response = problem(
                    authenticated(state.given(States.MODEL_21_ACTIVE)
                                    .uponReceiving(operation + ", hand-built: a text/plain body instead of JSON")
                                    .method("POST")
                                    .path(path)
                                    .body("company_size=1000", "text/plain"))
                            .willRespondWith(),
                    415,
                    "unsupported_media_type");
        }
        return response.toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnInfer")
    void anInferenceThatIsNotJsonIs415(MockServer server) throws Exception {
        for (String path : INFER_PATHS) {
            HttpResponse<String> response = send(
                    server,
                    HttpRequest.newBuilder(uri(server, path))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("company_size=1000")));

            assertThat(response.statusCode()).as(path).isEqualTo(415);
            assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
        }
    }

    /** The writes of an admin key that take a JSON body, each sent a text/plain one. */
    private static final java.util.List<String[]> REGISTRY_WRITES = java.util.List.of(
            new String[] {"createModel", "POST", "/api/v1/models"},
            new String[] {"updateModel", "PATCH", "/api/v1/models/21"},
            new String[] {"createDeployment", "POST", "/api/v1/models/21/deployments"},
            new String[] {"setHuggingFaceCredential", "PUT", HubTokenPactTest.PATH});

    @Pact(consumer = CONSUMER)
    V4Pact formOnRegistryWrites(PactDslWithProvider builder) {
        au.com.dius.pact.consumer.dsl.PactDslResponse response = null;
        for (String[] write : REGISTRY_WRITES) {
            au.com.dius.pact.consumer.dsl.PactDslWithState state = response == null
                    ? builder.given(States.KEY_ADMIN, scopes("admin"))
                    : response.given(States.KEY_ADMIN, scopes("admin"));
            response = problem(
                    authenticated(state.given(States.MODEL_21_ACTIVE)
                                    .uponReceiving(write[0] + ", hand-built: a text/plain body instead of JSON")
                                    .method(write[1])
                                    .path(write[2])
                                    .body("slug=lead-scorer", "text/plain"))
                            .willRespondWith(),
                    415,
                    "unsupported_media_type");
        }
        return response.toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnRegistryWrites")
    void aRegistryWriteThatIsNotJsonIs415(MockServer server) throws Exception {
        for (String[] write : REGISTRY_WRITES) {
            HttpResponse<String> response = send(
                    server,
                    HttpRequest.newBuilder(uri(server, write[2]))
                            .header("Content-Type", "text/plain")
                            .method(write[1], HttpRequest.BodyPublishers.ofString("slug=lead-scorer")));

            assertThat(response.statusCode()).as(write[0]).isEqualTo(415);
            assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
        }
    }

    @Pact(consumer = CONSUMER)
    V4Pact formOnAccounts(PactDslWithProvider builder) {
        return problem(
                        authenticated(builder.given(States.OPERATOR)
                                        .uponReceiving("createAccount, hand-built: a text/plain body instead of JSON")
                                        .method("POST")
                                        .path("/api/v1/accounts")
                                        .body("slug=acme-analytics", "text/plain"))
                                .willRespondWith(),
                        415,
                        "unsupported_media_type")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "formOnAccounts")
    void anAccountThatIsNotJsonIs415(MockServer server) throws Exception {
        HttpResponse<String> response = send(
                server,
                HttpRequest.newBuilder(uri(server, "/api/v1/accounts"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("slug=acme-analytics")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
    }

    private static URI uri(MockServer server, String path) {
        return URI.create(server.getUrl() + path);
    }

    private static HttpResponse<String> send(MockServer server, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return HAND_BUILT.send(
                request.header("Authorization", "Bearer " + EXAMPLE_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
