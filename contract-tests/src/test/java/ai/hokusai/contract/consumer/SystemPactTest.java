package ai.hokusai.contract.consumer;

import static ai.hokusai.contract.consumer.Contract.CONSUMER;
import static ai.hokusai.contract.consumer.Contract.PROVIDER;
import static ai.hokusai.contract.consumer.Contract.json;
import static ai.hokusai.contract.consumer.Contract.sdk;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.contract.consumer.Contract.States;
import ai.hokusai.sdk.model.ApiIndex;
import ai.hokusai.sdk.model.HealthStatus;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.HttpResponse;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.matchingrules.RegexMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** System tag: the index, the probes and the OpenAPI document, which need no key. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class SystemPactTest {

    /** The links are the contract: they are what a caller follows from the root. */
    @Pact(consumer = CONSUMER)
    V4Pact index(PactDslWithProvider builder) {
        return json(builder.uponReceiving("getApiIndex: where to start")
                        .method("GET")
                        .path("/")
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .stringType("name", "Hokusai Model API")
                        .stringType("version", "1.0.0")
                        .object("links")
                        .stringValue("api", "/api/v1")
                        .stringValue("docs", "/docs/")
                        .stringValue("openapi", "/openapi.yaml")
                        .stringValue("liveness", "/health/live")
                        .stringValue("readiness", "/health/ready")
                        .closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "index")
    void theIndexLinksTheDocsTheContractTheProbesAndTheApiBase(MockServer server) {
        ApiIndex index = sdk(server).system().index();

        assertThat(index.getName()).isNotBlank();
        assertThat(index.getLinks().getDocs()).isEqualTo("/docs/");
        assertThat(index.getLinks().getOpenapi()).isEqualTo("/openapi.yaml");
        assertThat(index.getLinks().getApi()).isEqualTo("/api/v1");
    }

    @Pact(consumer = CONSUMER)
    V4Pact liveness(PactDslWithProvider builder) {
        return json(builder.uponReceiving("getLiveness: is the process running")
                        .method("GET")
                        .path("/health/live")
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .stringValue("status", "UP")
                        .object("checks")
                        .closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "liveness")
    void livenessIsUp(MockServer server) {
        assertThat(sdk(server).system().liveness().getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
    }

    @Pact(consumer = CONSUMER)
    V4Pact ready(PactDslWithProvider builder) {
        return json(builder.uponReceiving("getReadiness: the database answers")
                        .method("GET")
                        .path("/health/ready")
                        .willRespondWith()
                        .status(200))
                .body(new PactDslJsonBody()
                        .stringValue("status", "UP")
                        .object("checks")
                        .stringValue("database", "UP")
                        .closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "ready")
    void readinessIsUpWhileTheDatabaseAnswers(MockServer server) {
        HealthStatus ready = sdk(server).system().readiness();

        assertThat(ready.getStatus()).isEqualTo(HealthStatus.StatusEnum.UP);
        assertThat(ready.getChecks()).containsEntry("database", HealthStatus.InnerEnum.UP);
    }

    @Pact(consumer = CONSUMER)
    V4Pact notReady(PactDslWithProvider builder) {
        return json(builder.given(States.DATABASE_DOWN)
                        .uponReceiving("getReadiness: the database does not answer")
                        .method("GET")
                        .path("/health/ready")
                        .willRespondWith()
                        .status(503))
                .body(new PactDslJsonBody()
                        .stringValue("status", "DOWN")
                        .object("checks")
                        .stringValue("database", "DOWN")
                        .closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "notReady")
    void readinessNamesTheDatabaseWhenItIsDown(MockServer server) {
        HealthStatus down = sdk(server).system().readiness();

        assertThat(down.getStatus()).isEqualTo(HealthStatus.StatusEnum.DOWN);
        assertThat(down.getChecks()).containsEntry("database", HealthStatus.InnerEnum.DOWN);
    }

    /** The document is YAML text: what matters is that it is an OpenAPI 3.0 document, not its every line. */
    @Pact(consumer = CONSUMER)
    V4Pact openApiDocument(PactDslWithProvider builder) {
        V4Pact pact = builder.uponReceiving("getOpenApiDocument: the contract itself")
                .method("GET")
                .path("/openapi.yaml")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/yaml.*", "application/yaml")
                .body("openapi: 3.0.3\ninfo:\n  title: Hokusai Model API\n", "application/yaml")
                .toPact(V4Pact.class);
        // The DSL has no matcher for a whole text body; the rule goes on "$" (the pom makes Pact read YAML as text).
        HttpResponse response =
                ((V4Interaction.SynchronousHttp) pact.getInteractions().get(0)).getResponse();
        response.getMatchingRules()
                .addCategory("body")
                .addRule("$", new RegexMatcher("(?s)openapi: 3\\.0\\.\\d+\\s.*"));
        return pact;
    }

    @Test
    @PactTestFor(pactMethod = "openApiDocument")
    void theDocumentIsAnOpenApi30Description(MockServer server) {
        assertThat(sdk(server).system().openApiDocument())
                .startsWith("openapi: 3.0.")
                .contains("Hokusai Model API");
    }
}
