package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import ai.hokusai.sdk.model.ApiIndex;
import ai.hokusai.sdk.model.Deployment;
import ai.hokusai.sdk.model.HealthStatus;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemAndDeploymentServiceTest {

    private static final String DEPLOYMENT = "{\"id\":\"6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21\",\"model_id\":21,"
            + "\"version\":\"2.0.0\",\"artifact\":{\"provider\":\"bundled\",\"location\":\"classpath:x\","
            + "\"requires_token\":false},\"runtime\":\"lscor-logistic\",\"status\":\"active\","
            + "\"created_at\":\"2026-01-15T09:30:00Z\"}";

    private final StubServer stub = new StubServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final HokusaiClient client = clientFor(stub, sleeper).build();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void readinessReportsDownAtOnceInsteadOfRetrying() {
        stub.json(503, "{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\"}}");

        HealthStatus readiness = client.system().readiness();

        assertThat(readiness.getStatus()).isEqualTo(HealthStatus.StatusEnum.DOWN);
        assertThat(readiness.getChecks()).containsEntry("database", HealthStatus.InnerEnum.DOWN);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void indexReadsTheServersLinksFromItsRoot() {
        stub.json(
                200,
                "{\"name\":\"Hokusai Model API\",\"version\":\"1.0.0\",\"links\":{\"api\":\"/api/v1\","
                        + "\"docs\":\"/docs/\",\"openapi\":\"/openapi.yaml\",\"liveness\":\"/health/live\","
                        + "\"readiness\":\"/health/ready\"}}",
                "X-Request-Id",
                "req_root");

        RawResponse<ApiIndex> index = client.system().withRawResponse().index();

        assertThat(index.getValue().getLinks().getDocs()).isEqualTo("/docs/");
        assertThat(index.getValue().getLinks().getApi()).isEqualTo("/api/v1");
        assertThat(index.getRequestId()).isEqualTo("req_root");
        assertThat(stub.lastRequest().method).isEqualTo("GET");
        assertThat(stub.lastRequest().path).isEqualTo("/");
    }

    @Test
    void openApiDocumentComesBackAsTheYamlSent() {
        String yaml = "openapi: 3.0.3\ninfo:\n  title: Hokusai Model API\n";
        stub.reply(200, "application/yaml", yaml);

        assertThat(client.system().openApiDocument()).isEqualTo(yaml);
        assertThat(stub.lastRequest().path).isEqualTo("/openapi.yaml");
    }

    @Test
    void getsADeploymentByUuidAndListsAModelsDeployments() {
        UUID id = UUID.fromString("6f1c2a4e-8d3b-4b7a-9c2e-5a1d0e7f3b21");
        stub.json(200, DEPLOYMENT).json(200, "{\"data\":[" + DEPLOYMENT + "]}");

        Deployment deployment = client.deployments().get(id);
        int listed = client.deployments().list("21").getData().size();

        assertThat(deployment.getStatus()).isEqualTo(Deployment.StatusEnum.ACTIVE);
        assertThat(listed).isEqualTo(1);
        assertThat(stub.requests())
                .extracting(r -> r.path)
                .containsExactly("/api/v1/deployments/" + id, "/api/v1/models/21/deployments");
    }
}
